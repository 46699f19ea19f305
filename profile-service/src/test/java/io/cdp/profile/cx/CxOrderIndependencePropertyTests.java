package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.json.CompactRecordSerde;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileStateSerde;
import io.cdp.profile.merge.ProfileMerger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer-experience facts of a person are the same whatever order their events
 * arrive in and however the identity protocol spreads them over profiles that are merged
 * later, in any order: the property the partitioned protocol relies on. The facts also
 * survive the profile's serdes unchanged, and the values derived from them are equal.
 */
class CxOrderIndependencePropertyTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Kolkata",
			"Pacific/Chatham");

	private final CxRules rules = CxRules.defaults();

	private final CxEvaluator evaluator = new CxEvaluator(this.rules);

	@Property(tries = 300)
	void shouldHoldTheSameFactsWhateverTheOrderOfEventsAndMerges(@ForAll long seed) {
		Random random = new Random(seed);
		List<CustomerEvent> events = events(random);

		ProfileState reference = ProfileState.empty(new ProfileRef("p-0", START));
		for (CustomerEvent event : events) {
			reference = ProfileMerger.apply(reference, event, event.identifiers(), this.rules);
		}
		ProfileState shuffled = spreadAndMerge(events, random);

		assertThat(shuffled.cx()).isEqualTo(reference.cx());
		assertThat(shuffled.eventCount()).isEqualTo(events.size());
		Instant now = START.plus(Duration.ofDays(random.nextInt(1600)));
		assertThat(this.evaluator.evaluate(shuffled.cx(), now)).isEqualTo(this.evaluator.evaluate(reference.cx(), now));
		assertThat(new ProfileStateSerde().deserializer()
			.deserialize("cdp.profiles.v1",
					new ProfileStateSerde().serializer().serialize("cdp.profiles.v1", reference))
			.cx()).isEqualTo(reference.cx());
		CompactRecordSerde<ProfileState> store = new CompactRecordSerde<>(ProfileState.class);
		assertThat(store.deserializer().deserialize("store", store.serializer().serialize("store", shuffled)).cx())
			.isEqualTo(reference.cx());
	}

	/**
	 * The events split over up to five profiles, each built in its own random order, then
	 * merged two by two in a random order, the winner of each merge picked at random.
	 */
	private ProfileState spreadAndMerge(List<CustomerEvent> events, Random random) {
		List<CustomerEvent> order = new ArrayList<>(events);
		Collections.shuffle(order, random);
		int count = 1 + random.nextInt(5);
		List<ProfileState> profiles = new ArrayList<>();
		for (int index = 0; index < count; index++) {
			profiles.add(ProfileState.empty(new ProfileRef("p-" + index, START.plusSeconds(index))));
		}
		for (CustomerEvent event : order) {
			int target = random.nextInt(count);
			profiles.set(target, ProfileMerger.apply(profiles.get(target), event, event.identifiers(), this.rules));
		}
		while (profiles.size() > 1) {
			ProfileState winner = profiles.remove(random.nextInt(profiles.size()));
			ProfileState loser = profiles.remove(random.nextInt(profiles.size()));
			profiles.add(ProfileMerger.absorb(winner, loser, this.rules));
		}
		return profiles.getFirst();
	}

	private static List<CustomerEvent> events(Random random) {
		int count = random.nextInt(60);
		List<CustomerEvent> events = new ArrayList<>();
		Instant previous = START;
		for (int index = 0; index < count; index++) {
			// Some events share an instant, so that ties are decided by message id.
			Instant at = (random.nextInt(8) == 0) ? previous : time(random);
			previous = at;
			events.add(event("m-" + index + "-" + random.nextInt(1000), at, random));
		}
		return events;
	}

	/** Mostly within a year, sometimes across four, so that every window prunes. */
	private static Instant time(Random random) {
		long span = (random.nextInt(4) == 0) ? Duration.ofDays(1500).toSeconds() : Duration.ofDays(365).toSeconds();
		return START.plusSeconds((long) (random.nextDouble() * span));
	}

	private static CustomerEvent event(String messageId, Instant at, Random random) {
		Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
		Map<String, @Nullable Object> context = new HashMap<>();
		if (random.nextInt(3) == 0) {
			context.put("timezone", ZONES.get(random.nextInt(ZONES.size())));
		}
		return switch (random.nextInt(20)) {
			case 0 -> CxEvents.event(messageId, EventType.PAGE, null, channel, at,
					random.nextBoolean() ? Map.of("path", "/pricing") : Map.of(), context);
			case 1 -> CxEvents.event(messageId, EventType.SCREEN, "Home", channel, at, Map.of(), context);
			case 2 -> CxEvents.event(messageId, EventType.IDENTIFY, null, channel, at, Map.of(), context);
			case 3, 4 -> CxEvents.event(messageId, EventType.TRACK, "Order Completed", channel, at,
					order(random, "revenue"), context);
			case 5 -> CxEvents.event(messageId, EventType.TRACK, "Order Refunded", channel, at, order(random, "total"),
					context);
			case 6 -> CxEvents.track(messageId, "Payment Failed", channel, at, Map.of());
			case 7 -> CxEvents.track(messageId, "Email Delivered", Channel.EMAIL, at, Map.of());
			case 8 -> CxEvents.event(messageId, EventType.TRACK, "Email Opened", Channel.EMAIL, at, Map.of(), context);
			case 9 -> CxEvents.track(messageId, "Email Link Clicked", Channel.EMAIL, at, Map.of());
			case 10 -> CxEvents.track(messageId, random.nextBoolean() ? "Unsubscribed" : "Resubscribed", Channel.EMAIL,
					at, Map.of());
			case 11 ->
				CxEvents.track(messageId, "NPS Survey Submitted", channel, at, Map.of("score", random.nextInt(12)));
			case 12 -> CxEvents.track(messageId, "Satisfaction Rated", Channel.SUPPORT, at,
					Map.of("score", random.nextInt(6)));
			case 13 -> CxEvents.track(messageId, "Ticket Created", Channel.SUPPORT, at,
					Map.of("subject", "Subject " + random.nextInt(5)));
			case 14 -> CxEvents.track(messageId, "Ticket Solved", Channel.SUPPORT, at, Map.of());
			case 15 ->
				CxEvents.event(messageId, EventType.TRACK, "Application Opened", Channel.MOBILE, at, Map.of(), context);
			case 16 -> CxEvents.track(messageId, "Product Viewed", channel, at, Map.of());
			case 17 -> CxEvents.track(messageId, "Signed In", channel, at, Map.of());
			case 18 -> CxEvents.track(messageId, "Product Reviewed", channel, at, Map.of());
			default -> CxEvents.track(messageId, "Something Else", channel, at, Map.of());
		};
	}

	/** An amount as a JSON number, a decimal or text, in one of a few currencies. */
	private static Map<String, @Nullable Object> order(Random random, String amountProperty) {
		Map<String, @Nullable Object> properties = new HashMap<>();
		long cents = random.nextInt(100_000);
		Object amount = switch (random.nextInt(3)) {
			case 0 -> cents / 100.0;
			case 1 -> BigDecimal.valueOf(cents, 2);
			default -> BigDecimal.valueOf(cents, 2).toPlainString();
		};
		properties.put(amountProperty, amount);
		switch (random.nextInt(4)) {
			case 0 -> properties.put("currency", "EUR");
			case 1 -> properties.put("currency", "usd");
			case 2 -> properties.put("currency", "JPY");
			default -> {
			}
		}
		return properties;
	}

}
