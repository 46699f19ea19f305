package io.cdp.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One person meets the business on the web, in the app, by email and at the help desk;
 * the packaged ingest-service and profile-service, running as processes against the real
 * broker and PostgreSQL, turn that into one profile with the whole history, and keep a
 * stranger apart. Each event's freshness, from the ingest 200 to the profile API showing
 * it, is measured.
 */
@RealInfrastructure
class CrossChannelJourneyIT {

	private static final Logger logger = LoggerFactory.getLogger(CrossChannelJourneyIT.class);

	private static final String ADMIN_TOKEN = "e2e-admin-token";

	private static final Duration FRESHNESS_LIMIT = Duration.ofSeconds(5);

	/**
	 * Shared with the profile service, standing in for the gateway that signs callers.
	 */
	private static final CallerHeader GATEWAY = new CallerHeader("e2e-internal-secret");

	private static ServiceProcess ingest;

	private static ServiceProcess profiles;

	private final HttpJson http = new HttpJson();

	private final Map<String, Duration> freshness = new LinkedHashMap<>();

	@BeforeAll
	static void startServices(TestKafka kafka, TestDatabase database) throws Exception {
		List<String> shared = List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--cdp.topics.prefix=" + kafka.topicPrefix(), "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
		List<String> ingestArguments = new ArrayList<>(shared);
		ingestArguments.add("--cdp.ingest.sources.admin-token=" + ADMIN_TOKEN);
		ingest = ServiceProcess.start("ingest-service", ingestArguments);
		List<String> profileArguments = new ArrayList<>(shared);
		profileArguments.add("--cdp.caller.internal-secret=e2e-internal-secret");
		profiles = ServiceProcess.start("profile-service", profileArguments);
	}

	@AfterAll
	static void stopServices() throws InterruptedException {
		if (profiles != null) {
			profiles.close();
		}
		if (ingest != null) {
			ingest.close();
		}
	}

	@Test
	void shouldBuildOneProfileWithTheWholeCrossChannelHistoryWithinSeconds() {
		String web = createSource("{\"name\": \"Web shop\", \"kind\": \"segment\", \"channel\": \"web\"}");
		String app = createSource("{\"name\": \"iOS app\", \"kind\": \"segment\", \"channel\": \"mobile\"}");
		String sendgrid = createSource(
				"{\"name\": \"Newsletters\", \"kind\": \"webhook\", \"provider\": \"sendgrid\"}");
		String zendesk = createSource("{\"name\": \"Help desk\", \"kind\": \"webhook\", \"provider\": \"zendesk\"}");

		track("web visit", "/v1/page", web, """
				{"messageId": "e2e-page-1", "anonymousId": "anon-jane", "name": "Home"}""", "anonymous_id:anon-jane",
				(event) -> event.path("messageId").asString().equals("e2e-page-1"));
		track("second web visit", "/v1/page", web, """
				{"messageId": "e2e-page-2", "anonymousId": "anon-jane", "name": "Pricing"}""", "anonymous_id:anon-jane",
				(event) -> event.path("messageId").asString().equals("e2e-page-2"));
		track("login", "/v1/identify", web, """
				{"messageId": "e2e-identify", "anonymousId": "anon-jane", "userId": "user-jane",
				 "traits": {"email": "Jane.Doe@Example.com", "firstName": "Jane", "plan": "pro"}}""",
				"user_id:user-jane", (event) -> event.path("messageId").asString().equals("e2e-identify"));
		track("app open", "/v1/track", app, """
				{"messageId": "e2e-app-open", "userId": "user-jane", "event": "Application Opened",
				 "context": {"device": {"id": "device-jane"}, "os": {"name": "iOS"}}}""", "device_id:device-jane",
				(event) -> event.path("messageId").asString().equals("e2e-app-open"));
		track("email open", "/v1/webhooks/sendgrid?writeKey=" + sendgrid, null,
				"""
						[{"email": "jane.doe@example.com", "timestamp": %d, "event": "open", "sg_event_id": "e2e-open-1",
						  "sg_message_id": "e2e-message.filter0001", "useragent": "Mozilla/5.0", "ip": "203.0.113.7"}]"""
					.formatted(wholeSecondsFromNowOn()),
				"email:jane.doe@example.com", (event) -> "Email Opened".equals(text(event, "name")));
		track("support ticket", "/v1/webhooks/zendesk?writeKey=" + zendesk, null,
				"""
						{"event": "ticket.created", "ticket": {"id": 7001, "status": "new", "subject": "Parcel arrived damaged",
						 "priority": "high", "created_at": "%s", "updated_at": "%s",
						 "requester": {"id": 9001, "email": "JANE.DOE@example.com", "phone": "+1 (415) 555-0142",
						               "name": "Jane Doe"}}}"""
					.formatted(Instant.now().plusSeconds(2), Instant.now().plusSeconds(2)),
				"phone:+14155550142", (event) -> "Ticket Created".equals(text(event, "name")));
		track("stranger's visit", "/v1/page", web, """
				{"messageId": "e2e-stranger", "anonymousId": "anon-stranger", "name": "Home"}""",
				"anonymous_id:anon-stranger", (event) -> event.path("messageId").asString().equals("e2e-stranger"));

		JsonNode jane = await().atMost(Duration.ofSeconds(30))
			.until(() -> lookup("email:Jane.Doe@Example.com "),
					(profile) -> profile != null && identifiers(profile).contains("phone:+14155550142"));
		assertThat(identifiers(jane)).containsExactlyInAnyOrder("anonymous_id:anon-jane", "user_id:user-jane",
				"email:jane.doe@example.com", "device_id:device-jane", "phone:+14155550142", "zendesk_user_id:9001");
		assertThat(jane.path("traits").path("firstName").path("value").asString()).isEqualTo("Jane");
		assertThat(jane.path("traits").path("plan").path("value").asString()).isEqualTo("pro");
		assertThat(jane.path("computed").path("eventCount").asLong()).isEqualTo(6);
		assertThat(jane.path("computed").path("eventsByChannel").path("support").asLong()).isEqualTo(1);

		List<String> history = new ArrayList<>();
		events(jane.path("profileId").asString()).forEach(
				(event) -> history.add(text(event, "channel") + ":" + text(event, "type") + ":" + text(event, "name")));
		assertThat(history).containsExactly("support:track:Ticket Created", "email:track:Email Opened",
				"mobile:track:Application Opened", "web:identify:", "web:page:Pricing", "web:page:Home");

		JsonNode stranger = lookup("anonymous_id:anon-stranger");
		assertThat(stranger.path("profileId").asString()).isNotEqualTo(jane.path("profileId").asString());
		assertThat(identifiers(stranger)).containsExactly("anonymous_id:anon-stranger");

		logger.info("Freshness, ingest 200 to profile API: {}", this.freshness);
		assertThat(this.freshness.values()).allSatisfy((took) -> assertThat(took).isLessThan(FRESHNESS_LIMIT));
	}

	@Test
	void shouldKeepPeopleWhoShareATabletOrAnEmailApartAndExplainWhy() {
		String web = createSource("{\"name\": \"Family web\", \"kind\": \"segment\", \"channel\": \"web\"}");
		String app = createSource("{\"name\": \"Family app\", \"kind\": \"segment\", \"channel\": \"mobile\"}");
		// The tablet is first seen with mum: it stays hers.
		post("/v1/track", app, """
				{"messageId": "fam-1", "userId": "user-mum", "event": "Application Opened",
				 "context": {"device": {"id": "family-tablet"}}}""");
		await().atMost(Duration.ofSeconds(30)).until(() -> lookup("device_id:family-tablet"), Objects::nonNull);
		post("/v1/batch", app, """
				{"batch": [
				  {"type": "track", "messageId": "fam-2", "userId": "user-son", "event": "Application Opened",
				   "context": {"device": {"id": "family-tablet"}}},
				  {"type": "track", "messageId": "fam-3", "anonymousId": "anon-guest-1", "event": "Application Opened",
				   "context": {"device": {"id": "00000000-0000-0000-0000-000000000000"}}},
				  {"type": "track", "messageId": "fam-4", "anonymousId": "anon-guest-2", "event": "Application Opened",
				   "context": {"device": {"id": "00000000-0000-0000-0000-000000000000"}}}
				]}""");
		post("/v1/batch", web,
				"""
						{"batch": [
						  {"type": "identify", "messageId": "fam-5", "userId": "user-anna", "traits": {"email": "home@example.org"}},
						  {"type": "identify", "messageId": "fam-6", "userId": "user-ben", "traits": {"email": "Home@Example.org"}},
						  {"type": "identify", "messageId": "fam-7", "anonymousId": "anon-tester-1", "traits": {"email": "test@test.com"}},
						  {"type": "identify", "messageId": "fam-8", "anonymousId": "anon-tester-2", "traits": {"email": "test@test.com"}}
						]}""");

		Map<String, String> profileOf = new LinkedHashMap<>();
		for (String identifier : List.of("user_id:user-mum", "user_id:user-son", "user_id:user-anna",
				"user_id:user-ben", "anonymous_id:anon-guest-1", "anonymous_id:anon-guest-2",
				"anonymous_id:anon-tester-1", "anonymous_id:anon-tester-2")) {
			JsonNode profile = await().atMost(Duration.ofSeconds(30)).until(() -> lookup(identifier), Objects::nonNull);
			profileOf.put(identifier, profile.path("profileId").asString());
		}
		assertThat(new HashSet<>(profileOf.values())).as("one profile each: %s", profileOf).hasSize(8);
		String son = profileOf.get("user_id:user-son");
		assertThat(identifiers(lookup("user_id:user-son"))).containsExactly("user_id:user-son");
		assertThat(identifiers(lookup("user_id:user-mum"))).containsExactlyInAnyOrder("user_id:user-mum",
				"device_id:family-tablet");

		JsonNode log = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.http.get(profiles.uri("/v1/profiles/" + son + "/merges"), CallerHeader.NAME, caller()),
					(merges) -> merges != null && !merges.path("refused").isEmpty());
		JsonNode refusal = log.path("refused").get(0);
		assertThat(refusal.path("causeMessageId").asString()).isEqualTo("fam-2");
		assertThat(refusal.path("reason").asString()).startsWith("user_id limit 1");
		assertThat(refusal.path("identifiers").get(0).asString()).isEqualTo("device_id:family-tablet");
		assertThat(log.path("merges")).isEmpty();

		JsonNode rules = this.http.get(profiles.uri("/v1/admin/identity/rules"), CallerHeader.NAME,
				GATEWAY.write("operator", Set.of("admin"), Instant.now()));
		assertThat(rules.path("limits").path("user_id").asInt()).isEqualTo(1);
		assertThat(rules.path("defaultLimit").asInt()).isEqualTo(5);
		assertThat(rules.path("priority").get(0).asString()).isEqualTo("user_id");
		assertThat(rules.path("blockedPatterns").path("any").toString()).contains("anonymous", "unknown");
	}

	@Test
	void shouldSplitTwoGuestsJoinedThroughAKioskAndSendTheirLaterEventsToEachOne() {
		String app = createSource("{\"name\": \"Kiosk app\", \"kind\": \"segment\", \"channel\": \"mobile\"}");
		post("/v1/track", app, """
				{"messageId": "kiosk-1", "anonymousId": "kiosk-guest-one", "event": "Application Opened",
				 "context": {"device": {"id": "shared-kiosk"}}}""");
		await().atMost(Duration.ofSeconds(30)).until(() -> lookup("anonymous_id:kiosk-guest-one"), Objects::nonNull);
		post("/v1/track", app, """
				{"messageId": "kiosk-2", "anonymousId": "kiosk-guest-two", "event": "Song Played"}""");
		await().atMost(Duration.ofSeconds(30)).until(() -> lookup("anonymous_id:kiosk-guest-two"), Objects::nonNull);
		// Anonymous ids alone break no limit: the kiosk joins the two guests.
		post("/v1/track", app, """
				{"messageId": "kiosk-3", "anonymousId": "kiosk-guest-two", "event": "Application Opened",
				 "context": {"device": {"id": "shared-kiosk"}}}""");
		String merged = await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode one = lookup("anonymous_id:kiosk-guest-one");
			JsonNode two = lookup("anonymous_id:kiosk-guest-two");
			if (one == null || two == null || !one.path("profileId").equals(two.path("profileId"))) {
				return null;
			}
			String id = one.path("profileId").asString();
			return (messageIds(id).size() == 3) ? id : null;
		}, Objects::nonNull);

		// Until the store has every event of the profile, a split is refused with 409.
		HttpJson.Answer answer = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.http.postWith(profiles.uri("/v1/admin/profiles/" + merged + "/split"), CallerHeader.NAME,
					GATEWAY.write("operator", Set.of("admin"), Instant.now()),
					"{\"detach\": \"device_id:shared-kiosk\"}"), (split) -> split.status() != 409);
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
		JsonNode split = answer.body();
		assertThat(split.path("status").asString()).isEqualTo("applied");
		assertThat(split.path("profiles")).hasSize(2);
		assertThat(split.path("detached").get(0).asString()).isEqualTo("device_id:shared-kiosk");

		JsonNode one = lookup("anonymous_id:kiosk-guest-one");
		JsonNode two = lookup("anonymous_id:kiosk-guest-two");
		assertThat(one.path("profileId").asString()).as("the guest who created the profile keeps it").isEqualTo(merged);
		String second = two.path("profileId").asString();
		assertThat(second).isNotEqualTo(merged);
		assertThat(identifiers(one)).containsExactly("anonymous_id:kiosk-guest-one");
		assertThat(identifiers(two)).containsExactly("anonymous_id:kiosk-guest-two");
		assertThat(messageIds(merged)).containsExactly("kiosk-1");
		assertThat(messageIds(second)).containsExactlyInAnyOrder("kiosk-2", "kiosk-3");
		assertThat(lookup("device_id:shared-kiosk")).as("the detached kiosk resolves to nobody").isNull();

		// Later events go to each guest; the kiosk links nobody any more.
		post("/v1/batch", app, """
				{"batch": [
				  {"type": "track", "messageId": "kiosk-4", "anonymousId": "kiosk-guest-two", "event": "Song Played",
				   "context": {"device": {"id": "shared-kiosk"}}},
				  {"type": "track", "messageId": "kiosk-5", "anonymousId": "kiosk-guest-one", "event": "Game Played",
				   "context": {"device": {"id": "shared-kiosk"}}}
				]}""");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> messageIds(second).contains("kiosk-4") && messageIds(merged).contains("kiosk-5"));
		assertThat(messageIds(merged)).containsExactlyInAnyOrder("kiosk-1", "kiosk-5");
		assertThat(messageIds(second)).containsExactlyInAnyOrder("kiosk-2", "kiosk-3", "kiosk-4");

		JsonNode log = this.http.get(profiles.uri("/v1/profiles/" + second + "/merges"), CallerHeader.NAME, caller());
		assertThat(log.path("splits")).singleElement()
			.satisfies((entry) -> assertThat(entry.path("winnerId").asString()).isEqualTo(merged));
		JsonNode status = this.http.get(profiles.uri("/v1/admin/identity/splits/" + split.path("splitId").asString()),
				CallerHeader.NAME, GATEWAY.write("operator", Set.of("admin"), Instant.now()));
		assertThat(status.path("status").asString()).isEqualTo("applied");
	}

	/**
	 * A customer's journey sent to the ingest as an SDK sends it shows in the analytics
	 * across customers: each stage of the funnel entered once, the order among the new
	 * customers, its revenue under the channel of the first touch.
	 */
	@Test
	void shouldShowAJourneyFromTheIngestInTheFunnelAndTheOverview() {
		String web = createSource("{\"name\": \"Outdoor shop\", \"kind\": \"segment\", \"channel\": \"web\"}");
		String run = UUID.randomUUID().toString().substring(0, 8);
		String anonymousId = "anon-cx-" + run;
		String userId = "user-cx-" + run;
		post("/v1/page", web, """
				{"anonymousId": "%s", "name": "Home", "properties": {"path": "/"}}""".formatted(anonymousId));
		post("/v1/identify", web, """
				{"anonymousId": "%s", "userId": "%s", "traits": {"email": "cx-%s@example.com", "run": "%s"}}"""
			.formatted(anonymousId, userId, run, run));
		post("/v1/track", web, """
				{"userId": "%s", "event": "Product Viewed", "properties": {"product_id": "TNT-2P-LT"}}"""
			.formatted(userId));
		post("/v1/track", web, """
				{"userId": "%s", "event": "Order Completed",
				 "properties": {"order_id": "o-%s", "revenue": 349.00, "total": 376.92, "currency": "EUR"}}"""
			.formatted(userId, run));
		post("/v1/track", web, """
				{"userId": "%s", "event": "NPS Survey Submitted", "properties": {"score": 10}}""".formatted(userId));
		String period = "from=" + Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS) + "&to="
				+ Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS) + "&trait=run:" + run;

		// The page and the identify make two profiles until the identify's merge is
		// stored:
		// wait for the whole journey on the one profile the trait finds.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stagesEntered(
					this.http.get(profiles.uri("/v1/analytics/funnel?" + period), CallerHeader.NAME, analyst())))
				.containsExactly("awareness=1", "engagement=1", "evaluation=1", "purchase=1", "retention=0",
						"advocacy=1"));
		JsonNode funnel = this.http.get(profiles.uri("/v1/analytics/funnel?" + period), CallerHeader.NAME, analyst());
		assertThat(funnel.at("/stages/0/conversion").asDouble()).isEqualTo(1.0);
		assertThat(funnel.at("/stages/5/current").asLong()).isEqualTo(1);

		JsonNode overview = this.http.get(profiles.uri("/v1/analytics/overview?interval=day&" + period),
				CallerHeader.NAME, analyst());
		assertThat(overview.at("/total/newCustomers").asLong()).isEqualTo(1);
		assertThat(overview.at("/total/nps/promoters").asLong()).isGreaterThanOrEqualTo(1);
		JsonNode revenue = this.http.get(profiles.uri("/v1/analytics/revenue?" + period), CallerHeader.NAME, analyst());
		assertThat(revenue.at("/byFirstTouchChannel/0/channel").asString()).isEqualTo("web");
		assertThat(revenue.at("/byFirstTouchChannel/0/currency").asString()).isEqualTo("EUR");
		assertThat(revenue.at("/byFirstTouchChannel/0/ordered").asString()).isEqualTo("349.00");
		assertThat(revenue.at("/byFirstTouchChannel/0/customers").asLong()).isEqualTo(1);
		assertThat(overview.at("/lifetimeValueByFirstTouchChannel/0/lifetimeValue").asString()).isEqualTo("349.00");
	}

	private Set<String> messageIds(String profileId) {
		Set<String> ids = new TreeSet<>();
		events(profileId).forEach((event) -> ids.add(event.path("messageId").asString()));
		return ids;
	}

	private void post(String path, String writeKey, String body) {
		this.http.post(ingest.uri(path), HttpJson.basic(writeKey), body, 200);
	}

	/**
	 * Posts one event, then polls the profile API until the profile holding the
	 * identifier shows it, and records how long that took after the ingest answered 200.
	 */
	private void track(String label, String path, String writeKey, String body, String identifier,
			Predicate<JsonNode> isTheEvent) {
		String authorization = (writeKey != null) ? HttpJson.basic(writeKey) : "";
		this.http.post(ingest.uri(path), authorization, body, 200);
		long accepted = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode profile = lookup(identifier);
			return profile != null && events(profile.path("profileId").asString()).stream().anyMatch(isTheEvent);
		});
		this.freshness.put(label, Duration.ofNanos(System.nanoTime() - accepted));
	}

	private String createSource(String json) {
		return this.http.post(ingest.uri("/v1/admin/sources"), "Bearer " + ADMIN_TOKEN, json, 201)
			.path("writeKey")
			.asString();
	}

	private JsonNode lookup(String identifier) {
		return this.http.get(
				profiles.uri("/v1/profiles/lookup?identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8)),
				CallerHeader.NAME, caller());
	}

	private List<JsonNode> events(String profileId) {
		JsonNode page = this.http.get(profiles.uri("/v1/profiles/" + profileId + "/events?limit=100"),
				CallerHeader.NAME, caller());
		List<JsonNode> events = new ArrayList<>();
		if (page != null) {
			page.path("events").forEach(events::add);
		}
		return events;
	}

	/**
	 * SendGrid timestamps are whole seconds: rounded up, so that the email open does not
	 * sort before the app event that happened in the same second.
	 */
	private static long wholeSecondsFromNowOn() {
		return Instant.now().getEpochSecond() + 1;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? "" : value.asString();
	}

	private static List<String> stagesEntered(JsonNode funnel) {
		List<String> entered = new ArrayList<>();
		if (funnel != null) {
			funnel.path("stages")
				.forEach((stage) -> entered.add(stage.path("stage").asString() + "=" + stage.path("entered").asLong()));
		}
		return entered;
	}

	private static String analyst() {
		return GATEWAY.write("cx-lead", Set.of("events:read"), Instant.now());
	}

	private static String caller() {
		return GATEWAY.write("support-console", Set.of("profiles:read", "events:read"), Instant.now());
	}

	private static Set<String> identifiers(JsonNode profile) {
		Set<String> keys = new TreeSet<>();
		profile.path("identifiers")
			.forEach((identifier) -> keys
				.add(identifier.path("type").asString() + ":" + identifier.path("value").asString()));
		return keys;
	}

}
