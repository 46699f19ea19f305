package io.cdp.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.cdp.population.Catalog.Device;
import io.cdp.population.HardCasePlan.PlannedCase;
import io.cdp.population.JourneyWriter.Draft;
import io.cdp.population.JourneyWriter.Journey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds the events of a hard case to one person's written journey, on the journey's clock.
 * The person keeps their whole journey; the case adds what makes them hard to resolve:
 * sessions on the family tablet, identifies with the household email, events with
 * placeholder ids, an alias chain before the journey, or events that use the user id as
 * the anonymous id. Each added event carries an identifier that is the person's alone
 * (their user id, or a cookie or app install that is linked to it), so a resolver that
 * keeps the identity rules can always tell whose it is.
 *
 * <p>
 * The person's identifiers (the truth the profile API is looked up by) include what the
 * added events carry except the junk values, which name nobody.
 */
final class HardCaseWriter {

	/**
	 * Device ids that SDKs send for "no id": the zeroed IDFA when tracking is limited.
	 */
	static final List<String> JUNK_DEVICE_IDS = List.of("00000000-0000-0000-0000-000000000000", "unknown", "-1");

	/** Anonymous ids that backends fill in when they have none. */
	static final List<String> JUNK_ANONYMOUS_IDS = List.of("unknown", "anonymous", "-1");

	/**
	 * The addresses everyone types into a form they do not want to give an address to.
	 */
	static final List<String> JUNK_EMAILS = List.of("test@test.com", "test@example.com");

	private static final int JUNK_VARIANTS = 4;

	private final long seed;

	private final Identity who;

	private final SplittableRandom random;

	private final List<Draft> drafts;

	private final Set<PersonIdentifier> identifiers;

	private final Set<Channel> channels;

	private final Set<PersonIdentifier> caseIdentifiers = new TreeSet<>();

	private final String userAgent;

	private final long span;

	private int written;

	HardCaseWriter(long seed, Identity who, SplittableRandom random, Journey journey) {
		this.seed = seed;
		this.who = who;
		this.random = random;
		this.drafts = new ArrayList<>(journey.drafts());
		this.identifiers = new TreeSet<>(journey.identifiers());
		this.channels = EnumSet.copyOf(journey.channels());
		this.userAgent = Identity.pick(random, Catalog.BROWSERS);
		this.span = this.drafts.get(this.drafts.size() - 1).at();
	}

	/** The journey with the case's events among its own, in the order they happened. */
	Written write(PlannedCase planned) {
		switch (planned.kind()) {
			case SHARED_DEVICE ->
				tabletSessions(Objects.requireNonNull(planned.tablet()), Objects.requireNonNull(planned.tabletId()));
			case SHARED_EMAIL -> householdIdentifies(Objects.requireNonNull(planned.householdEmail()));
			case JUNK_VALUES -> junk();
			case ALIAS_CHAIN -> aliasChain();
			case SAME_ID -> sameId();
		}
		this.drafts.sort(Comparator.comparingLong(Draft::at));
		return new Written(new Journey(this.drafts, this.identifiers, this.channels),
				List.copyOf(this.caseIdentifiers));
	}

	/**
	 * Sessions on the family tablet, logged in. The app forgets its anonymous id at each
	 * log-out ({@code analytics.reset()}), so each person on the tablet has one of their
	 * own; the device id stays the tablet's.
	 */
	private void tabletSessions(Device tablet, String tabletId) {
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.DEVICE_ID, tabletId));
		String installId = Identity.uuid(this.seed, this.who.index(), "tablet-install");
		int sessions = 1 + this.random.nextInt(3);
		for (int session = 0; session < sessions; session++) {
			long at = anytime();
			ObjectNode opened = SegmentMessages.track("Application Opened",
					SegmentMessages.appContext(tablet, tabletId));
			properties(opened).put("from_background", false).put("version", "3.12.0");
			emit(Channel.MOBILE, at, loggedIn(opened, installId));
			int screens = 1 + this.random.nextInt(3);
			for (int screen = 0; screen < screens; screen++) {
				at += pause();
				emit(Channel.MOBILE, at,
						loggedIn(SegmentMessages.screen(Identity.pick(this.random, Catalog.APP_SCREENS),
								SegmentMessages.appContext(tablet, tabletId)), installId));
			}
		}
	}

	/**
	 * The person, logged in on the web, gives the household's address on their account.
	 */
	private void householdIdentifies(String householdEmail) {
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.EMAIL, householdEmail));
		int identifies = 1 + this.random.nextInt(2);
		for (int identify = 0; identify < identifies; identify++) {
			ObjectNode message = SegmentMessages.identify(webContext("/account/details", "Account details"));
			((ObjectNode) message.get("traits")).put("email", Noise.emailAsWritten(this.random, householdEmail))
				.put("firstName", this.who.firstName());
			emit(Channel.WEB, anytime(), loggedIn(message, this.who.browserId()));
		}
	}

	/**
	 * Two of four ways a placeholder gets beside the person's own id: the app's zeroed
	 * device id, a form's test address, a backend's placeholder anonymous id, a web view
	 * that reports a device id of nothing.
	 */
	private void junk() {
		List<Integer> variants = new ArrayList<>();
		while (variants.size() < 2) {
			int variant = this.random.nextInt(JUNK_VARIANTS);
			if (!variants.contains(variant)) {
				variants.add(variant);
			}
		}
		for (int variant : variants) {
			int events = 1 + this.random.nextInt(2);
			switch (variant) {
				case 0 -> {
					String deviceId = Identity.pick(this.random, JUNK_DEVICE_IDS);
					junkValue(PersonIdentifier.DEVICE_ID, deviceId);
					for (int event = 0; event < events; event++) {
						ObjectNode screen = SegmentMessages.screen(Identity.pick(this.random, Catalog.APP_SCREENS),
								SegmentMessages.appContext(this.who.device(), deviceId));
						emit(Channel.MOBILE, anytime(), loggedIn(screen, this.who.appInstallId()));
					}
				}
				case 1 -> {
					String email = Identity.pick(this.random, JUNK_EMAILS);
					junkValue(PersonIdentifier.EMAIL, email);
					for (int event = 0; event < events; event++) {
						ObjectNode identify = SegmentMessages.identify(webContext("/giveaway", "Giveaway"));
						((ObjectNode) identify.get("traits")).put("email", email);
						emit(Channel.WEB, anytime(), loggedIn(identify, this.who.browserId()));
					}
				}
				case 2 -> {
					String anonymousId = Identity.pick(this.random, JUNK_ANONYMOUS_IDS);
					junkValue(PersonIdentifier.ANONYMOUS_ID, anonymousId);
					for (int event = 0; event < events; event++) {
						ObjectNode applied = SegmentMessages.track("Coupon Applied", SegmentMessages.serverContext());
						properties(applied).put("coupon_id", "WELCOME10");
						emit(Channel.WEB, anytime(), loggedIn(applied, anonymousId));
					}
				}
				default -> {
					String deviceId = Identity.pick(this.random, JUNK_DEVICE_IDS);
					junkValue(PersonIdentifier.DEVICE_ID, deviceId);
					for (int event = 0; event < events; event++) {
						ObjectNode context = webContext("/journal", "Journal");
						context.putObject("device").put("id", deviceId);
						ObjectNode page = SegmentMessages.page("Journal", context);
						page.put("anonymousId", this.who.browserId());
						emit(Channel.WEB, anytime(), page);
					}
				}
			}
		}
	}

	/**
	 * Before the journey, the person browses with an old cookie {@code a}, gets an
	 * account {@code b} on the shop's old system ({@code alias a → b}) and has events as
	 * {@code b}; when they sign up as {@code c} (their user id) the backend renames the
	 * old account ({@code alias b → c}). Nothing but the aliases links {@code a},
	 * {@code b} and {@code c}.
	 */
	private void aliasChain() {
		String cookie = Identity.uuid(this.seed, this.who.index(), "alias/cookie");
		String legacyUserId = "usr_"
				+ Identity.uuid(this.seed, this.who.index(), "alias/legacy-user").replace("-", "").substring(0, 16);
		List<Draft> journey = List.copyOf(this.drafts);
		this.drafts.clear();
		long clock = 0;
		int pages = 1 + this.random.nextInt(3);
		for (int page = 0; page < pages; page++) {
			String name = Identity.pick(this.random, Catalog.WEB_PAGES);
			ObjectNode message = SegmentMessages.page(name, webContext("/" + name.toLowerCase(Locale.ROOT), name));
			message.put("anonymousId", cookie);
			emit(Channel.WEB, clock, message);
			clock += pause();
		}
		clock += between(JourneyWriter.MINUTE, JourneyWriter.HOUR);
		emit(Channel.WEB, clock, SegmentMessages.alias(cookie, legacyUserId, SegmentMessages.serverContext()));
		int events = 1 + this.random.nextInt(3);
		for (int event = 0; event < events; event++) {
			clock += between(JourneyWriter.HOUR, 5 * JourneyWriter.DAY);
			ObjectNode earned = SegmentMessages.track("Loyalty Points Earned", SegmentMessages.serverContext());
			properties(earned).put("points", 10 * (1 + this.random.nextInt(20)));
			earned.put("userId", legacyUserId);
			emit(Channel.WEB, clock, earned);
		}
		long shift = clock + between(JourneyWriter.HOUR, 3 * JourneyWriter.DAY);
		journey.forEach((draft) -> this.drafts.add(draft.later(shift)));
		long signedUp = journey.stream()
			.filter((draft) -> draft.message().has("userId"))
			.mapToLong(Draft::at)
			.findFirst()
			.orElse(0);
		emit(Channel.WEB, shift + signedUp + between(JourneyWriter.SECOND, JourneyWriter.MINUTE),
				SegmentMessages.alias(legacyUserId, this.who.userId(), SegmentMessages.serverContext()));
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.ANONYMOUS_ID, cookie));
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.USER_ID, legacyUserId));
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.USER_ID, this.who.userId()));
	}

	/**
	 * A loyalty backend that sends the user id as the anonymous id: first with both, then
	 * with the anonymous id alone.
	 */
	private void sameId() {
		String id = this.who.userId();
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.ANONYMOUS_ID, id));
		this.caseIdentifiers.add(new PersonIdentifier(PersonIdentifier.USER_ID, id));
		int events = 2 + this.random.nextInt(3);
		for (int event = 0; event < events; event++) {
			ObjectNode earned = SegmentMessages.track("Loyalty Points Earned", SegmentMessages.serverContext());
			properties(earned).put("points", 10 * (1 + this.random.nextInt(20)));
			if (event == 0) {
				earned.put("userId", id);
			}
			earned.put("anonymousId", id);
			emit(Channel.WEB, anytime(), earned);
		}
	}

	private ObjectNode loggedIn(ObjectNode message, String anonymousId) {
		message.put("userId", this.who.userId());
		message.put("anonymousId", anonymousId);
		return message;
	}

	private void junkValue(String type, String value) {
		this.caseIdentifiers.add(new PersonIdentifier(type, value));
	}

	private void emit(Channel channel, long at, ObjectNode message) {
		String messageId = Identity.uuid(this.seed, this.who.index(), "hard-case/" + this.written++);
		ObjectNode ordered = SegmentMessages.JSON.createObjectNode();
		ordered.put("messageId", messageId);
		ordered.setAll(message);
		JsonNode name = message.has("event") ? message.get("event") : message.get("name");
		this.drafts.add(new Draft(at, at + between(JourneyWriter.SECOND, 30 * JourneyWriter.SECOND), channel, messageId,
				message.get("type").asString(), (name != null) ? name.asString() : "", ordered));
		this.channels.add(channel);
		for (PersonIdentifier identifier : JourneyWriter.identifiersOf(message)) {
			if (!isJunk(identifier.value())) {
				this.identifiers.add(identifier);
			}
		}
	}

	static boolean isJunk(String value) {
		return JUNK_DEVICE_IDS.contains(value) || JUNK_ANONYMOUS_IDS.contains(value) || JUNK_EMAILS.contains(value);
	}

	private ObjectNode webContext(String path, String title) {
		return SegmentMessages.webContext(this.userAgent, path, title, Catalog.SHOP_HOST + "/", null);
	}

	private static ObjectNode properties(ObjectNode message) {
		return (ObjectNode) message.get("properties");
	}

	private long anytime() {
		return this.random.nextLong(this.span + 1);
	}

	private long pause() {
		return between(5 * JourneyWriter.SECOND, 2 * JourneyWriter.MINUTE);
	}

	private long between(long atLeast, long atMost) {
		return atLeast + this.random.nextLong(atMost - atLeast + 1);
	}

	/**
	 * A journey with a hard case's events.
	 *
	 * @param journey the journey
	 * @param caseIdentifiers what the case is about, for its {@link HardCase}
	 */
	record Written(Journey journey, List<PersonIdentifier> caseIdentifiers) {

	}

}
