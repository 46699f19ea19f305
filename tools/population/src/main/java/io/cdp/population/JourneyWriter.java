package io.cdp.population;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.cdp.population.Catalog.Campaign;
import io.cdp.population.Catalog.Product;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one person's journey as the messages the channels send, on a clock that starts
 * at zero: anonymous visits to the web shop; a sign-up on the web or in the app that
 * identifies them; the app, first anonymous on its device and then logged in; the
 * newsletter with its deliveries, opens and clicks back to the shop; orders with revenue;
 * and, for some, help-desk tickets with a satisfaction rating.
 *
 * <p>
 * Every message carries an identifier that links it to the rest of the journey (the
 * cookie or app install id until a login names both), so the truth is exactly what a
 * perfect identity resolution finds. The identifiers are recorded here as the ingest
 * reads them from a Segment message, normalised.
 */
final class JourneyWriter {

	static final long SECOND = 1_000;

	static final long MINUTE = 60 * SECOND;

	static final long HOUR = 60 * MINUTE;

	static final long DAY = 24 * HOUR;

	private final long seed;

	private final Identity who;

	private final SplittableRandom random;

	private final double offlineRate;

	private final List<Draft> drafts = new ArrayList<>();

	private final Set<PersonIdentifier> identifiers = new TreeSet<>();

	private final Set<Channel> channels = EnumSet.noneOf(Channel.class);

	private final String userAgent;

	private long clock;

	/** Until someone delivers the app's queued events, they wait here (offline). */
	private long offlineUntil = -1;

	/** The browsers someone logged in on: they send the user id from then on. */
	private final Set<String> loggedInBrowsers = new TreeSet<>();

	private boolean appLoggedIn;

	private boolean knowsHelpDesk;

	private String emailAtSignUp = "";

	private int orders;

	JourneyWriter(long seed, Identity who, SplittableRandom random, double offlineRate) {
		this.seed = seed;
		this.who = who;
		this.random = random;
		this.offlineRate = offlineRate;
		this.userAgent = Identity.pick(random, Catalog.BROWSERS);
	}

	/** The journey, with its messages in the order they happened. */
	Journey write() {
		boolean appFirst = chance(0.2);
		boolean usesApp = appFirst || chance(0.6);
		int visits = 1 + this.random.nextInt(2);
		for (int visit = 0; visit < visits; visit++) {
			webSession(this.who.browserId(), null, 1 + this.random.nextInt(4));
			passTime(2 * HOUR, 4 * DAY);
		}
		if (appFirst) {
			installApp();
			passTime(2 * MINUTE, 20 * MINUTE);
			signUpInApp();
		}
		else {
			signUpOnWeb();
		}
		subscribeToNewsletter();
		if (appFirst) {
			passTime(HOUR, 5 * DAY);
			logInOnWeb(this.who.browserId());
		}
		if (usesApp && !appFirst) {
			passTime(HOUR, 10 * DAY);
			installApp();
			passTime(MINUTE, 3 * DAY);
			logInToApp();
		}
		boolean secondBrowser = chance(0.3);
		int weeks = 2 + this.random.nextInt(4);
		for (int week = 0; week < weeks; week++) {
			passTime(2 * DAY, 9 * DAY);
			if (chance(0.75)) {
				newsletter(Identity.pick(this.random, Catalog.CAMPAIGNS.subList(1, Catalog.CAMPAIGNS.size())));
			}
			passTime(HOUR, 2 * DAY);
			if (usesApp && chance(0.6)) {
				appSession(1 + this.random.nextInt(3));
			}
			else if (chance(0.5)) {
				webSession(this.who.browserId(), null, 1 + this.random.nextInt(3));
			}
			if (secondBrowser && week == 1) {
				passTime(HOUR, DAY);
				webSession(this.who.secondBrowserId(), null, 1 + this.random.nextInt(2));
				logInOnWeb(this.who.secondBrowserId());
				webSession(this.who.secondBrowserId(), null, 1 + this.random.nextInt(3));
			}
			if (this.orders < 4 && chance(0.3)) {
				passTime(10 * MINUTE, DAY);
				order(usesApp && chance(0.5));
			}
		}
		if (chance(0.4)) {
			int tickets = chance(0.25) ? 2 : 1;
			for (int ticket = 0; ticket < tickets; ticket++) {
				passTime(HOUR, 10 * DAY);
				supportTicket();
			}
		}
		return new Journey(this.drafts, this.identifiers, this.channels);
	}

	private void webSession(String browserId, @Nullable Campaign campaign, int pages) {
		String referrer = (campaign != null) ? "" : Identity.pick(this.random,
				List.of("https://www.google.com/", "https://www.instagram.com/", "", "https://duckduckgo.com/"));
		if (campaign != null) {
			page(browserId, "Landing", campaign.landingPath(), referrer, campaign);
		}
		for (int page = 0; page < pages; page++) {
			String name = Identity.pick(this.random, Catalog.WEB_PAGES);
			if (name.equals("Product")) {
				Product product = Identity.pick(this.random, Catalog.PRODUCTS);
				page(browserId, product.name(), "/p/" + product.sku().toLowerCase(Locale.ROOT), referrer, null);
				ObjectNode viewed = SegmentMessages.track("Product Viewed",
						webContext("/p/" + product.sku().toLowerCase(Locale.ROOT), product.name()));
				SegmentMessages.putProduct(properties(viewed), product);
				emit(Channel.WEB, webIds(viewed, browserId), pause());
			}
			else {
				page(browserId, name, "/" + name.toLowerCase(Locale.ROOT), referrer, null);
			}
			referrer = Catalog.SHOP_HOST + "/";
			this.clock += pause();
		}
	}

	private void page(String browserId, String name, String path, String referrer, @Nullable Campaign campaign) {
		ObjectNode page = SegmentMessages.page(name,
				SegmentMessages.webContext(this.userAgent, path, name, referrer, campaign));
		page.putObject("properties").put("path", path).put("title", name);
		emit(Channel.WEB, webIds(page, browserId), 0);
	}

	private void signUpOnWeb() {
		page(this.who.browserId(), "Sign Up", "/account/signup", Catalog.SHOP_HOST + "/", null);
		this.clock += between(30 * SECOND, 3 * MINUTE);
		this.loggedInBrowsers.add(this.who.browserId());
		ObjectNode identify = SegmentMessages.identify(webContext("/account/welcome", "Welcome"));
		signUpTraits(identify);
		emit(Channel.WEB, webIds(identify, this.who.browserId()), 0);
		ObjectNode signedUp = SegmentMessages.track("Signed Up", webContext("/account/welcome", "Welcome"));
		properties(signedUp).put("method", "email");
		emit(Channel.WEB, webIds(signedUp, this.who.browserId()), SECOND);
	}

	private void signUpInApp() {
		this.appLoggedIn = true;
		ObjectNode identify = SegmentMessages.identify(appContext());
		signUpTraits(identify);
		emit(Channel.MOBILE, appIds(identify), 0);
		ObjectNode signedUp = SegmentMessages.track("Signed Up", appContext());
		properties(signedUp).put("method", "email");
		emit(Channel.MOBILE, appIds(signedUp), SECOND);
	}

	private void signUpTraits(ObjectNode identify) {
		this.emailAtSignUp = Noise.emailAsWritten(this.random, this.who.email());
		ObjectNode traits = (ObjectNode) identify.get("traits");
		traits.put("email", this.emailAtSignUp)
			.put("firstName", this.who.firstName())
			.put("lastName", this.who.lastName());
		if (chance(0.4)) {
			traits.put("phone", phoneAsWritten());
		}
		traits.putObject("address").put("city", this.who.city().name()).put("state", this.who.city().state());
	}

	private void subscribeToNewsletter() {
		this.clock += between(MINUTE, 10 * MINUTE);
		ObjectNode identify = SegmentMessages.identify(SegmentMessages.emailContext(this.emailAtSignUp));
		((ObjectNode) identify.get("traits")).put("email", this.emailAtSignUp)
			.put("newsletter", true)
			.put("firstName", this.who.firstName());
		emit(Channel.EMAIL, userIds(identify), 0);
		newsletter(Catalog.CAMPAIGNS.get(0));
	}

	private void newsletter(Campaign campaign) {
		String emailId = Identity.uuid(this.seed, this.who.index(), "email/" + this.drafts.size());
		emit(Channel.EMAIL, userIds(email("Email Delivered", campaign, emailId)), 0);
		if (!chance(0.55)) {
			return;
		}
		this.clock += between(5 * MINUTE, 2 * DAY);
		emit(Channel.EMAIL, userIds(email("Email Opened", campaign, emailId)), 0);
		if (!chance(0.4)) {
			return;
		}
		this.clock += between(5 * SECOND, 2 * MINUTE);
		ObjectNode clicked = email("Email Link Clicked", campaign, emailId);
		properties(clicked).put("link_url", Catalog.SHOP_HOST + campaign.landingPath() + "?utm_source=newsletter");
		emit(Channel.EMAIL, userIds(clicked), 0);
		this.clock += between(2 * SECOND, 10 * SECOND);
		webSession(this.who.browserId(), campaign, this.random.nextInt(3));
	}

	private ObjectNode email(String event, Campaign campaign, String emailId) {
		ObjectNode message = SegmentMessages.track(event, SegmentMessages.emailContext(this.emailAtSignUp));
		properties(message).put("email_id", emailId)
			.put("campaign_id", campaign.id())
			.put("campaign_name", campaign.name())
			.put("email_subject", campaign.subject());
		return message;
	}

	private void installApp() {
		startAppSession();
		ObjectNode installed = SegmentMessages.track("Application Installed", appContext());
		properties(installed).put("version", "3.12.0").put("build", "3120");
		emit(Channel.MOBILE, appIds(installed), 0);
		screens(1 + this.random.nextInt(2));
	}

	private void logInToApp() {
		startAppSession();
		this.appLoggedIn = true;
		screenNamed("Sign In");
		ObjectNode identify = SegmentMessages.identify(appContext());
		((ObjectNode) identify.get("traits")).put("email", Noise.emailAsWritten(this.random, this.who.email()));
		emit(Channel.MOBILE, appIds(identify), pause());
		emit(Channel.MOBILE, appIds(SegmentMessages.track("Signed In", appContext())), SECOND);
		screens(1 + this.random.nextInt(3));
	}

	private void appSession(int screens) {
		startAppSession();
		ObjectNode opened = SegmentMessages.track("Application Opened", appContext());
		properties(opened).put("from_background", chance(0.5)).put("version", "3.12.0");
		emit(Channel.MOBILE, appIds(opened), 0);
		screens(screens);
	}

	/**
	 * Decides whether this app session is used offline: its events then wait on the
	 * device and reach the platform hours after the session, behind newer events.
	 */
	private void startAppSession() {
		this.offlineUntil = chance(this.offlineRate) ? Long.MAX_VALUE : -1;
	}

	private void screens(int count) {
		for (int screen = 0; screen < count; screen++) {
			String name = Identity.pick(this.random, Catalog.APP_SCREENS);
			screenNamed(name);
			if (name.equals("Product")) {
				ObjectNode viewed = SegmentMessages.track("Product Viewed", appContext());
				SegmentMessages.putProduct(properties(viewed), Identity.pick(this.random, Catalog.PRODUCTS));
				emit(Channel.MOBILE, appIds(viewed), pause());
			}
		}
		endAppSession();
	}

	private void screenNamed(String name) {
		emit(Channel.MOBILE, appIds(SegmentMessages.screen(name, appContext())), pause());
	}

	private void endAppSession() {
		if (this.offlineUntil == Long.MAX_VALUE) {
			long deliveredAt = this.clock + between(HOUR, 36 * HOUR);
			for (int index = this.drafts.size() - 1; index >= 0
					&& this.drafts.get(index).deliverAt() == Long.MAX_VALUE; index--) {
				this.drafts.set(index, this.drafts.get(index).deliveredAt(deliveredAt));
			}
		}
		this.offlineUntil = -1;
	}

	private void logInOnWeb(String browserId) {
		page(browserId, "Sign In", "/account/signin", Catalog.SHOP_HOST + "/", null);
		this.clock += between(10 * SECOND, MINUTE);
		this.loggedInBrowsers.add(browserId);
		ObjectNode identify = SegmentMessages.identify(webContext("/account", "Account"));
		emit(Channel.WEB, webIds(identify, browserId), 0);
		emit(Channel.WEB, webIds(SegmentMessages.track("Signed In", webContext("/account", "Account")), browserId),
				SECOND);
	}

	private void order(boolean inApp) {
		this.orders++;
		List<Product> products = new ArrayList<>();
		int lines = 1 + this.random.nextInt(3);
		for (int line = 0; line < lines; line++) {
			products.add(Identity.pick(this.random, Catalog.PRODUCTS));
		}
		if (inApp) {
			startAppSession();
		}
		for (Product product : products) {
			ObjectNode added = SegmentMessages.track("Product Added",
					inApp ? appContext() : webContext("/cart", "Cart"));
			SegmentMessages.putProduct(properties(added), product);
			properties(added).put("quantity", 1);
			shop(inApp, added, pause());
		}
		String orderId = "ORD-" + Identity.uuid(this.seed, this.who.index(), "order/" + this.orders)
			.substring(0, 8)
			.toUpperCase(Locale.ROOT);
		ObjectNode checkout = SegmentMessages.track("Checkout Started",
				inApp ? appContext() : webContext("/checkout", "Checkout"));
		double subtotal = products.stream().mapToDouble(Product::price).sum();
		properties(checkout).put("order_id", orderId).put("value", round(subtotal)).put("currency", "USD");
		shop(inApp, checkout, between(20 * SECOND, 3 * MINUTE));
		ObjectNode completed = SegmentMessages.track("Order Completed",
				inApp ? appContext() : webContext("/checkout/thank-you", "Thank you"));
		double shipping = (subtotal >= 100) ? 0 : 6.95;
		double tax = round(subtotal * 0.08);
		ObjectNode properties = properties(completed);
		properties.put("order_id", orderId)
			.put("total", round(subtotal + shipping + tax))
			.put("revenue", round(subtotal))
			.put("shipping", shipping)
			.put("tax", tax)
			.put("currency", "USD");
		ArrayNode lineItems = properties.putArray("products");
		products.forEach((product) -> SegmentMessages.putProduct(lineItems.addObject(), product));
		shop(inApp, completed, between(MINUTE, 4 * MINUTE));
		if (inApp) {
			endAppSession();
		}
	}

	private void shop(boolean inApp, ObjectNode message, long after) {
		if (inApp) {
			emit(Channel.MOBILE, appIds(message), after);
		}
		else {
			emit(Channel.WEB, webIds(message, this.who.browserId()), after);
		}
	}

	private void supportTicket() {
		if (!this.knowsHelpDesk) {
			this.knowsHelpDesk = true;
			ObjectNode identify = SegmentMessages.identify(SegmentMessages.supportContext());
			((ObjectNode) identify.get("traits")).put("email", Noise.emailAsWritten(this.random, this.who.email()))
				.put("phone", phoneAsWritten())
				.put("name", this.who.firstName() + " " + this.who.lastName());
			emit(Channel.SUPPORT, helpDeskIds(identify), 0);
		}
		String ticketId = String.valueOf(10_000 + Math
			.floorMod(Identity.uuid(this.seed, this.who.index(), "ticket/" + this.drafts.size()).hashCode(), 890_000));
		ObjectNode created = SegmentMessages.track("Ticket Created", SegmentMessages.supportContext());
		properties(created).put("ticket_id", ticketId)
			.put("subject", Identity.pick(this.random, Catalog.TICKET_SUBJECTS))
			.put("priority", Identity.pick(this.random, List.of("low", "normal", "normal", "high", "urgent")))
			.put("via", Identity.pick(this.random, List.of("email", "phone", "chat", "web_form")));
		emit(Channel.SUPPORT, helpDeskIds(created), SECOND);
		ObjectNode solved = SegmentMessages.track("Ticket Solved", SegmentMessages.supportContext());
		properties(solved).put("ticket_id", ticketId).put("replies", 1 + this.random.nextInt(5));
		emit(Channel.SUPPORT, helpDeskIds(solved), between(HOUR, 3 * DAY));
		if (chance(0.7)) {
			int score = satisfactionScore();
			ObjectNode rated = SegmentMessages.track("Satisfaction Rated", SegmentMessages.supportContext());
			properties(rated).put("ticket_id", ticketId)
				.put("score", score)
				.put("scale", 5)
				.put("rating", (score >= 4) ? "good" : "bad")
				.put("comment",
						Identity.pick(this.random, (score >= 4) ? Catalog.GOOD_COMMENTS : Catalog.BAD_COMMENTS));
			emit(Channel.SUPPORT, helpDeskIds(rated), between(10 * MINUTE, DAY));
		}
	}

	/** CSAT on 1 to 5, mostly satisfied, with the long unhappy tail help desks see. */
	private int satisfactionScore() {
		double draw = this.random.nextDouble();
		return (draw < 0.42) ? 5 : (draw < 0.68) ? 4 : (draw < 0.8) ? 3 : (draw < 0.9) ? 2 : 1;
	}

	private String phoneAsWritten() {
		this.identifiers.add(new PersonIdentifier(PersonIdentifier.PHONE, this.who.phone()));
		return Noise.phoneAsWritten(this.random, this.who.areaCode(), this.who.exchange(), this.who.line());
	}

	private ObjectNode webContext(String path, String title) {
		return SegmentMessages.webContext(this.userAgent, path, title, Catalog.SHOP_HOST + "/", null);
	}

	private ObjectNode appContext() {
		return SegmentMessages.appContext(this.who.device(), this.who.deviceId());
	}

	/**
	 * analytics.js sends the cookie id always, and the user id once someone logged in.
	 */
	private ObjectNode webIds(ObjectNode message, String browserId) {
		if (this.loggedInBrowsers.contains(browserId)) {
			message.put("userId", this.who.userId());
		}
		message.put("anonymousId", browserId);
		return message;
	}

	/** The app SDKs send their install id always, and the user id after a login. */
	private ObjectNode appIds(ObjectNode message) {
		if (this.appLoggedIn) {
			message.put("userId", this.who.userId());
		}
		message.put("anonymousId", this.who.appInstallId());
		return message;
	}

	/** The email provider knows its subscribers by the shop's user id. */
	private ObjectNode userIds(ObjectNode message) {
		message.put("userId", this.who.userId());
		return message;
	}

	/** The help desk knows a requester by its own id, and by email and phone. */
	private ObjectNode helpDeskIds(ObjectNode message) {
		message.put("anonymousId", this.who.helpDeskId());
		return message;
	}

	private void emit(Channel channel, ObjectNode message, long after) {
		this.clock += after;
		String type = message.get("type").asString();
		JsonNode name = message.has("event") ? message.get("event") : message.get("name");
		String messageId = Identity.uuid(this.seed, this.who.index(), "event/" + this.drafts.size());
		ObjectNode ordered = SegmentMessages.JSON.createObjectNode();
		ordered.put("messageId", messageId);
		ordered.setAll(message);
		boolean offline = channel == Channel.MOBILE && this.offlineUntil == Long.MAX_VALUE;
		this.drafts.add(new Draft(this.clock, offline ? Long.MAX_VALUE : this.clock + latency(channel), channel,
				messageId, type, (name != null) ? name.asString() : "", ordered));
		this.channels.add(channel);
		recordIdentifiers(message);
	}

	private void recordIdentifiers(ObjectNode message) {
		this.identifiers.addAll(identifiersOf(message));
	}

	/**
	 * What the ingest reads as identifiers from a Segment message, normalised; but the
	 * phone, which the journey records where it writes one.
	 */
	static List<PersonIdentifier> identifiersOf(ObjectNode message) {
		List<PersonIdentifier> identifiers = new ArrayList<>();
		if (message.get("userId") instanceof JsonNode userId) {
			identifiers.add(new PersonIdentifier(PersonIdentifier.USER_ID, userId.asString()));
		}
		if (message.get("anonymousId") instanceof JsonNode anonymousId) {
			identifiers.add(new PersonIdentifier(PersonIdentifier.ANONYMOUS_ID, anonymousId.asString()));
		}
		JsonNode deviceId = message.path("context").path("device").path("id");
		if (deviceId.isString()) {
			identifiers.add(new PersonIdentifier(PersonIdentifier.DEVICE_ID, deviceId.asString()));
		}
		JsonNode email = message.path("traits").path("email");
		if (message.get("type").asString().equals("identify") && email.isString()) {
			identifiers
				.add(new PersonIdentifier(PersonIdentifier.EMAIL, email.asString().strip().toLowerCase(Locale.ROOT)));
		}
		return identifiers;
	}

	/**
	 * How long a channel takes to deliver what happened: the SDK's flush, a sync's run.
	 */
	private long latency(Channel channel) {
		return switch (channel) {
			case WEB -> between(50, 3 * SECOND);
			case MOBILE -> between(SECOND, 30 * SECOND);
			case EMAIL -> between(SECOND, 10 * MINUTE);
			case SUPPORT -> between(SECOND, MINUTE);
		};
	}

	private ObjectNode properties(ObjectNode message) {
		return (ObjectNode) message.get("properties");
	}

	private long pause() {
		return between(5 * SECOND, 2 * MINUTE);
	}

	private void passTime(long atLeast, long atMost) {
		this.clock += between(atLeast, atMost);
	}

	private long between(long atLeast, long atMost) {
		return atLeast + this.random.nextLong(atMost - atLeast + 1);
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	private static double round(double amount) {
		return Math.round(amount * 100) / 100.0;
	}

	/**
	 * A message and when it happened and reached the platform, in milliseconds since the
	 * journey began; {@code Long.MAX_VALUE} while an offline session holds it.
	 */
	record Draft(long at, long deliverAt, Channel channel, String messageId, String type, String name,
			ObjectNode message) {

		Draft deliveredAt(long time) {
			return new Draft(this.at, time, this.channel, this.messageId, this.type, this.name, this.message);
		}

		Draft later(long by) {
			return new Draft(this.at + by, this.deliverAt + by, this.channel, this.messageId, this.type, this.name,
					this.message);
		}

	}

	/** A written journey: its messages in the order they happened, and the truth. */
	record Journey(List<Draft> drafts, Set<PersonIdentifier> identifiers, Set<Channel> channels) {

	}

}
