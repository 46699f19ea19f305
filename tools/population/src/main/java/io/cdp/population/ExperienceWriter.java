package io.cdp.population;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.cdp.population.JourneyWriter.Draft;
import io.cdp.population.JourneyWriter.Journey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds what a customer-experience view reads to one person's written journey, from a
 * random stream of its own, so that the journey's own events stay exactly as written: the
 * person's time zone on what their browser and app send, the currency they pay in,
 * refunds, failed payments, answers to the NPS survey, product reviews, unsubscribes from
 * the newsletter and help-desk tickets left open. People who go silent need nothing
 * added: journeys end anywhere in the history, many of them weeks before its end.
 *
 * <p>
 * Every added event carries the person's user id, as the channel that sends it knows
 * them, so the truth of who did what does not change.
 */
final class ExperienceWriter {

	/** The shop sells in its customers' currencies; most pay in dollars. */
	private static final List<String> OTHER_CURRENCIES = List.of("EUR", "GBP", "CAD");

	/** Dollars to each other currency, roughly, for believable amounts. */
	private static final Map<String, String> FROM_USD = Map.of("EUR", "0.92", "GBP", "0.79", "CAD", "1.37");

	private static final List<String> REFUND_REASONS = List.of("Wrong size", "Arrived damaged", "Changed my mind",
			"Not as described");

	private static final List<String> PROMOTER_COMMENTS = List.of("Great gear and fast delivery.",
			"The app makes reordering easy.", "Best outdoor shop I know.", "");

	private static final List<String> PASSIVE_COMMENTS = List.of("Good products, delivery could be faster.",
			"Fine, nothing special.", "");

	private static final List<String> DETRACTOR_COMMENTS = List.of("My refund took weeks.",
			"Support never answered my question.", "Too expensive for the quality.", "");

	private final long seed;

	private final Identity who;

	private final SplittableRandom random;

	private final List<Draft> drafts;

	private final Journey journey;

	private int written;

	ExperienceWriter(long seed, Identity who, SplittableRandom random, Journey journey) {
		this.seed = seed;
		this.who = who;
		this.random = random;
		this.journey = journey;
		this.drafts = new ArrayList<>(journey.drafts());
	}

	/**
	 * The journey with the experience events among its own, in the order they happened.
	 */
	Journey write() {
		stampTimeZone();
		List<Draft> orders = named("Order Completed");
		String currency = chance(0.8) ? "USD" : Identity.pick(this.random, OTHER_CURRENCIES);
		if (!currency.equals("USD")) {
			priceIn(currency);
		}
		for (Draft order : orders) {
			if (chance(0.08)) {
				refund(order);
			}
		}
		if (!orders.isEmpty() && chance(0.45)) {
			int score = npsScore();
			Draft first = orders.get(0);
			long at = first.at() + between(3 * JourneyWriter.DAY, 14 * JourneyWriter.DAY);
			npsAnswer(at, score);
			if (score >= 9 && chance(0.35)) {
				review(first, at + between(JourneyWriter.HOUR, 3 * JourneyWriter.DAY));
			}
		}
		Draft subscribed = first("Email Delivered");
		if (subscribed != null && chance(0.07)) {
			unsubscribe(subscribed, lastAt() + between(JourneyWriter.HOUR, 5 * JourneyWriter.DAY));
		}
		leaveLastTicketOpen();
		if (!orders.isEmpty() && chance(0.05)) {
			paymentFailed(orders.get(orders.size() - 1), lastAt() + between(JourneyWriter.HOUR, 2 * JourneyWriter.DAY));
		}
		this.drafts.sort(Comparator.comparingLong(Draft::at));
		return new Journey(this.drafts, this.journey.identifiers(), this.journey.channels());
	}

	/**
	 * The SDKs send the device's time zone with every event: analytics.js and the mobile
	 * SDKs as {@code context.timezone}.
	 */
	private void stampTimeZone() {
		for (Draft draft : this.drafts) {
			if (draft.channel() == Channel.WEB || draft.channel() == Channel.MOBILE) {
				if (draft.message().get("context") instanceof ObjectNode context
						&& context.path("library").path("name").asString("").startsWith("analytics")) {
					context.put("timezone", this.who.city().timeZone());
				}
			}
		}
	}

	/** Every amount of the person's checkouts and orders, in their own currency. */
	private void priceIn(String currency) {
		BigDecimal rate = new BigDecimal(FROM_USD.get(currency));
		for (Draft draft : this.drafts) {
			if (!(draft.message().get("properties") instanceof ObjectNode properties) || !properties.has("currency")) {
				continue;
			}
			properties.put("currency", currency);
			for (String amount : List.of("value", "total", "revenue", "shipping", "tax", "price")) {
				if (properties.get(amount) instanceof JsonNode number && number.isNumber()) {
					properties.put(amount, convert(number.asDouble(), rate));
				}
			}
			if (properties.get("products") instanceof JsonNode products) {
				for (JsonNode product : products) {
					if (product instanceof ObjectNode line && line.get("price") instanceof JsonNode price) {
						line.put("price", convert(price.asDouble(), rate)).put("currency", currency);
					}
				}
			}
		}
	}

	/** The shop's backend refunds the whole order some days later. */
	private void refund(Draft order) {
		ObjectNode placed = (ObjectNode) order.message().get("properties");
		ObjectNode refunded = SegmentMessages.track("Order Refunded", SegmentMessages.serverContext());
		((ObjectNode) refunded.get("properties")).put("order_id", placed.get("order_id").asString())
			.put("total", placed.get("total").asDouble())
			.put("revenue", placed.get("revenue").asDouble())
			.put("currency", placed.get("currency").asString())
			.put("reason", Identity.pick(this.random, REFUND_REASONS));
		emit(Channel.WEB, order.at() + between(2 * JourneyWriter.DAY, 20 * JourneyWriter.DAY), userId(refunded));
	}

	/** The NPS survey tool sends the answer by the person's user id. */
	private void npsAnswer(long at, int score) {
		ObjectNode answered = SegmentMessages.track("NPS Survey Submitted", surveyContext());
		List<String> comments = (score >= 9) ? PROMOTER_COMMENTS : (score >= 7) ? PASSIVE_COMMENTS : DETRACTOR_COMMENTS;
		((ObjectNode) answered.get("properties")).put("survey_id", "nps-post-purchase")
			.put("score", score)
			.put("comment", Identity.pick(this.random, comments));
		emit(Channel.EMAIL, at, userId(answered));
	}

	/** A happy customer reviews what they bought, on the web shop, logged in. */
	private void review(Draft order, long at) {
		JsonNode products = order.message().path("properties").path("products");
		JsonNode product = products.get(this.random.nextInt(Math.max(1, products.size())));
		ObjectNode reviewed = SegmentMessages.track("Product Reviewed", copyContext(order));
		((ObjectNode) reviewed.get("properties"))
			.put("product_id", (product != null) ? product.path("product_id").asString("") : "")
			.put("review_id", Identity.uuid(this.seed, this.who.index(), "review/" + this.written))
			.put("rating", 4 + this.random.nextInt(2));
		copyIds(order, reviewed);
		emit(order.channel(), at, reviewed);
	}

	/** The email provider reports the person leaving the newsletter. */
	private void unsubscribe(Draft delivered, long at) {
		ObjectNode unsubscribed = SegmentMessages.track("Unsubscribed", copyContext(delivered));
		((ObjectNode) unsubscribed.get("properties")).put("list", "newsletter");
		emit(Channel.EMAIL, at, userId(unsubscribed));
	}

	/** The payment of a reorder fails, and the person does not come back to retry it. */
	private void paymentFailed(Draft order, long at) {
		ObjectNode failed = SegmentMessages.track("Payment Failed", SegmentMessages.serverContext());
		ObjectNode placed = (ObjectNode) order.message().get("properties");
		((ObjectNode) failed.get("properties")).put("total", placed.get("total").asDouble())
			.put("currency", placed.get("currency").asString())
			.put("reason", Identity.pick(this.random, List.of("card_declined", "insufficient_funds", "expired_card")));
		emit(Channel.WEB, at, userId(failed));
	}

	/**
	 * One person in six with a ticket still waits for an answer to their last one: its
	 * solved event (and the rating that follows it) never happened.
	 */
	private void leaveLastTicketOpen() {
		Draft created = null;
		for (Draft draft : this.drafts) {
			if (draft.name().equals("Ticket Created")) {
				created = draft;
			}
		}
		if (created == null || !chance(1.0 / 6)) {
			return;
		}
		String ticketId = created.message().path("properties").path("ticket_id").asString("");
		this.drafts
			.removeIf((draft) -> (draft.name().equals("Ticket Solved") || draft.name().equals("Satisfaction Rated"))
					&& draft.message().path("properties").path("ticket_id").asString("").equals(ticketId));
	}

	private ObjectNode surveyContext() {
		ObjectNode context = SegmentMessages.JSON.createObjectNode();
		context.putObject("library").put("name", "example-survey-sync").put("version", "1.2.0");
		context.put("channel", Channel.EMAIL.wireName());
		return context;
	}

	private static ObjectNode copyContext(Draft draft) {
		JsonNode context = draft.message().get("context");
		return (context instanceof ObjectNode object) ? object.deepCopy() : SegmentMessages.serverContext();
	}

	private static void copyIds(Draft from, ObjectNode message) {
		for (String id : List.of("userId", "anonymousId")) {
			if (from.message().get(id) instanceof JsonNode value) {
				message.set(id, value.deepCopy());
			}
		}
	}

	private ObjectNode userId(ObjectNode message) {
		message.put("userId", this.who.userId());
		return message;
	}

	private void emit(Channel channel, long at, ObjectNode message) {
		String type = message.get("type").asString();
		JsonNode name = message.get("event");
		String messageId = Identity.uuid(this.seed, this.who.index(), "experience/" + this.written++);
		ObjectNode ordered = SegmentMessages.JSON.createObjectNode();
		ordered.put("messageId", messageId);
		ordered.setAll(message);
		long latency = between(JourneyWriter.SECOND, 5 * JourneyWriter.MINUTE);
		this.drafts
			.add(new Draft(at, at + latency, channel, messageId, type, (name != null) ? name.asString() : "", ordered));
	}

	private List<Draft> named(String name) {
		return this.drafts.stream().filter((draft) -> draft.name().equals(name)).toList();
	}

	private @Nullable Draft first(String name) {
		return this.drafts.stream().filter((draft) -> draft.name().equals(name)).findFirst().orElse(null);
	}

	private long lastAt() {
		return this.drafts.stream().mapToLong(Draft::at).max().orElse(0);
	}

	/** NPS on 0 to 10: about half promoters, a third passives, the rest detractors. */
	private int npsScore() {
		double draw = this.random.nextDouble();
		return (draw < 0.5) ? 9 + this.random.nextInt(2)
				: (draw < 0.8) ? 7 + this.random.nextInt(2) : this.random.nextInt(7);
	}

	private static double convert(double usd, BigDecimal rate) {
		return BigDecimal.valueOf(usd).multiply(rate).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
	}

	private long between(long atLeast, long atMost) {
		return atLeast + this.random.nextLong(atMost - atLeast + 1);
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

}
