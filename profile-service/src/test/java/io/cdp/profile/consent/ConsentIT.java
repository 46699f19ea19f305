package io.cdp.profile.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.destination.DeliveryConsent;
import io.cdp.profile.WebEvents;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consent on the real broker and PostgreSQL, through the whole service: an answer from
 * each source (Segment's context on an identify, the Consent Preference Updated event,
 * SendGrid's unsubscribe as its webhook maps it, the admin API) lands on the profile API,
 * the newest wins though an older event arrives last, and consent gates an audience, the
 * lookups' {@code consent} filter and a destination's send-time check; profiles that
 * answered differently merge into the denial, marked as a conflict.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.caller.internal-secret=" + ConsentIT.INTERNAL_SECRET)
@RealInfrastructure
class ConsentIT {

	static final String INTERNAL_SECRET = "consent-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DeliveryConsent delivery;

	ConsentIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	@Test
	void shouldRecordConsentFromEverySourceAndGateTheAudienceTheLookupAndTheDestination() {
		long audience = createAudience("consented-" + this.run, """
				{"all": [{"trait": "run", "op": "eq", "value": "%s"}, {"consent": "marketing"}]}"""
			.formatted(this.run));
		String destination = createDestination("crm-" + this.run, "[\"marketing\"]");
		Identifier user = Identifier.parse("user_id:u-" + this.run);
		Identifier email = Identifier.parse("email:c-" + this.run + "@example.com");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		// 1. Segment's consent object on an identify: marketing granted, analytics
		// denied.
		send(event(EventType.IDENTIFY, null, now.minus(Duration.ofMinutes(10)), user, email)
			.traits(Map.of("run", this.run))
			.context(categoryPreferences(Map.of("Marketing", true, "Analytics", false)))
			.build());
		String profileId = await().atMost(PATIENCE).until(() -> profileIdOf(email), Objects::nonNull);
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode consent = profile(profileId).get("consent");
			assertAnswer(consent, "marketing", true, "segment.context");
			assertAnswer(consent, "analytics", false, "segment.context");
			assertThat(members(audience)).containsExactly(profileId);
		});
		assertThat(lookup(email, "marketing").getStatusCode().value()).isEqualTo(200);
		ResponseEntity<String> refused = lookup(email, "analytics");
		assertThat(refused.getStatusCode().value()).isEqualTo(404);
		assertThat(json(refused).get("detail").asString()).contains("consent to analytics");
		assertThat(this.delivery.allows(destination, change(profileId, AudienceMembershipChange.ENTERED))).isTrue();

		// 2. The Consent Preference Updated event withdraws marketing: the person leaves.
		send(event(EventType.TRACK, "Segment Consent Preference Updated", now.minus(Duration.ofMinutes(8)), user)
			.context(categoryPreferences(Map.of("Marketing", false)))
			.build());
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertAnswer(profile(profileId).get("consent"), "marketing", false, "segment.preference-event");
			assertThat(members(audience)).isEmpty();
		});
		assertThat(lookup(email, "marketing").getStatusCode().value()).isEqualTo(404);
		assertThat(this.delivery.allows(destination, change(profileId, AudienceMembershipChange.ENTERED))).isFalse();
		assertThat(this.delivery.allows(destination, change(profileId, AudienceMembershipChange.LEFT)))
			.as("a departure is always sent")
			.isTrue();

		// 3. An older answer arriving late changes nothing.
		send(event(EventType.PAGE, "Home", now.minus(Duration.ofMinutes(20)), user)
			.context(categoryPreferences(Map.of("Marketing", true)))
			.build());
		await().atMost(PATIENCE).until(() -> profile(profileId).get("computed").get("eventCount").asLong() == 3);
		assertAnswer(profile(profileId).get("consent"), "marketing", false, "segment.preference-event");

		// 4. SendGrid's unsubscribe, as its webhook maps it, denies email.
		send(event(EventType.TRACK, "Unsubscribed", now.minus(Duration.ofMinutes(5)), email).channel(Channel.EMAIL)
			.context(Map.of("integration", Map.of("name", "sendgrid", "event", "unsubscribe")))
			.properties(Map.of("sg_message_id", "sg-" + this.run))
			.build());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertAnswer(profile(profileId).get("consent"), "email", false, "email.sendgrid"));

		// 5. The admin API grants both again: the person is back in the audience.
		ResponseEntity<String> accepted = call(HttpMethod.PUT, "/v1/admin/profiles/" + profileId + "/consent",
				"{\"purposes\": {\"marketing\": true, \"email\": true}}", Set.of("admin"));
		assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
		assertThat(json(accepted).get("profileId").asString()).isEqualTo(profileId);
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode consent = profile(profileId).get("consent");
			assertAnswer(consent, "marketing", true, "admin");
			assertAnswer(consent, "email", true, "admin");
			assertThat(members(audience)).containsExactly(profileId);
		});
		assertThat(call(HttpMethod.GET,
				"/v1/profiles/lookup?identifier=" + email.key() + "&consent=marketing&consent=email", null,
				Set.of("profiles:read"))
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(this.delivery.allows(destination, change(profileId, AudienceMembershipChange.ENTERED))).isTrue();
		assertThat(this.delivery.allows(destination, change("p-unknown-" + this.run, AudienceMembershipChange.ENTERED)))
			.as("a person the store does not know has granted nothing")
			.isFalse();
	}

	@Test
	void shouldKeepTheDenialMarkedAsAConflictWhenTwoProfilesThatAnsweredDifferentlyMerge() {
		Identifier laptop = Identifier.parse("anonymous_id:laptop-" + this.run);
		Identifier phone = Identifier.parse("anonymous_id:phone-" + this.run);
		Identifier user = Identifier.parse("user_id:merged-" + this.run);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		send(event(EventType.PAGE, "Home", now.minus(Duration.ofMinutes(3)), laptop)
			.context(categoryPreferences(Map.of("Advertising", false)))
			.build());
		await().atMost(PATIENCE).until(() -> profileIdOf(laptop), Objects::nonNull);
		send(event(EventType.PAGE, "Home", now.minus(Duration.ofMinutes(2)), phone)
			.context(categoryPreferences(Map.of("Advertising", true)))
			.build());
		await().atMost(PATIENCE).until(() -> profileIdOf(phone), Objects::nonNull);

		send(event(EventType.IDENTIFY, null, now.minus(Duration.ofMinutes(1)), user, laptop, phone).build());

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode profile = profile(Objects.requireNonNull(profileIdOf(phone)));
			assertThat(profile.get("mergedProfileIds")).hasSizeGreaterThanOrEqualTo(1);
			assertAnswer(profile.get("consent"), "advertising", false, "segment.context");
			assertThat(profile.get("consent").get("advertising").get("conflict").asBoolean()).isTrue();
		});
	}

	@Test
	void shouldAnswerProblemsNamingTheFieldsOfABadConsentRequest() {
		Identifier email = Identifier.parse("email:bad-" + this.run + "@example.com");
		send(event(EventType.IDENTIFY, null, Instant.now().truncatedTo(ChronoUnit.MILLIS), email).build());
		String profileId = await().atMost(PATIENCE).until(() -> profileIdOf(email), Objects::nonNull);
		String path = "/v1/admin/profiles/" + profileId + "/consent";

		assertProblem(call(HttpMethod.PUT, path,
				"{\"purposes\": {\"Marketing!\": true, \"email\": \"yes\"}, \"occurredAt\": \"yesterday\", \"who\": 1}",
				Set.of("admin")), 400, "purposes.Marketing!", "purposes.email", "occurredAt", "who");
		assertProblem(call(HttpMethod.PUT, path, "{\"purposes\": {}}", Set.of("admin")), 400, "purposes");
		assertProblem(call(HttpMethod.PUT, path, "{}", Set.of("admin")), 400, "purposes");
		assertProblem(
				call(HttpMethod.PUT, path,
						"{\"purposes\": {\"email\": true}, \"occurredAt\": \"2999-01-01T00:00:00Z\"}", Set.of("admin")),
				400, "occurredAt");
		assertProblem(call(HttpMethod.PUT, path, "[true]", Set.of("admin")), 400, "body");
		assertThat(call(HttpMethod.PUT, "/v1/admin/profiles/p-none-" + this.run + "/consent",
				"{\"purposes\": {\"email\": true}}", Set.of("admin"))
			.getStatusCode()
			.value()).isEqualTo(404);
		assertThat(
				call(HttpMethod.PUT, path, "{\"purposes\": {\"email\": true}}", Set.of("profiles:read")).getStatusCode()
					.value())
			.isEqualTo(403);
		assertProblem(call(HttpMethod.GET, "/v1/profiles/lookup?identifier=" + email.key() + "&consent=Bad!", null,
				Set.of("profiles:read")), 400, "consent");
		assertProblem(call(HttpMethod.GET, "/v1/profiles/" + profileId + "?consent=", null, Set.of("profiles:read")),
				-1);
	}

	private void assertProblem(ResponseEntity<String> answer, int status, String... fields) {
		if (status < 0) {
			assertThat(answer.getStatusCode().is5xxServerError()).as(answer.getBody()).isFalse();
			return;
		}
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(json(answer).get("errors").propertyNames()).containsExactlyInAnyOrder(fields);
	}

	private static void assertAnswer(JsonNode consent, String purpose, boolean granted, String source) {
		assertThat(consent.get(purpose)).as("%s in %s", purpose, consent).isNotNull();
		assertThat(consent.get(purpose).get("granted").asBoolean()).as("%s in %s", purpose, consent).isEqualTo(granted);
		assertThat(consent.get(purpose).get("source").asString()).as("%s in %s", purpose, consent).isEqualTo(source);
	}

	private static Map<String, Object> categoryPreferences(Map<String, Boolean> preferences) {
		return Map.of("consent", Map.of("categoryPreferences", preferences));
	}

	private AudienceMembershipChange change(String profileId, String change) {
		return new AudienceMembershipChange("a:" + profileId + ":1", profileId, "a", "consented-" + this.run, change,
				Instant.now(), "event", null, null);
	}

	private long createAudience(String name, String condition) {
		ResponseEntity<String> created = call(HttpMethod.POST, "/v1/admin/audiences",
				"{\"name\": \"%s\", \"condition\": %s}".formatted(name, condition), Set.of("admin"));
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
		return json(created).get("id").asLong();
	}

	/**
	 * A destination that needs the purposes, stored as the admin API stores one; it names
	 * an audience that does not exist, so nothing is queued for it.
	 */
	private String createDestination(String name, String consent) {
		this.jdbc.sql("""
				INSERT INTO profile.destinations (name, url, secret, audiences, identifiers, traits, batch_size,
				    batch_interval_ms, rate_limit, dead_letter_after_hours, consent, created_at, updated_at)
				VALUES (?, 'https://hooks.example.com/cdp', ?, CAST(? AS jsonb), '[]', '[]', 10, 1000, 1, 24,
				    CAST(? AS jsonb), now(), now())""")
			.param(name)
			.param(new byte[] { 0 })
			.param("[\"none-" + this.run + "\"]")
			.param(consent)
			.update();
		return name;
	}

	private List<String> members(long audienceId) {
		ResponseEntity<String> page = call(HttpMethod.GET, "/v1/audiences/" + audienceId + "/members", null,
				Set.of("profiles:read"));
		assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		json(page).get("members").forEach((member) -> ids.add(member.get("profileId").asString()));
		return ids;
	}

	private JsonNode profile(String profileId) {
		ResponseEntity<String> answer = call(HttpMethod.GET, "/v1/profiles/" + profileId, null,
				Set.of("profiles:read"));
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		return json(answer);
	}

	private ResponseEntity<String> lookup(Identifier identifier, String purpose) {
		return call(HttpMethod.GET, "/v1/profiles/lookup?identifier=" + identifier.key() + "&consent=" + purpose, null,
				Set.of("profiles:read"));
	}

	private CustomerEventBuilder event(EventType type, @Nullable String name, Instant occurredAt,
			Identifier... identifiers) {
		return WebEvents.event("m-consent-", type, name, identifiers).occurredAt(occurredAt);
	}

	private void send(CustomerEvent event) {
		this.producer.send(new ProducerRecord<>(this.kafka.topics().events().name(), event.messageId(),
				this.kafka.topics().events().valueSerde().serializer().serialize("", event)));
		this.producer.flush();
	}

	private @Nullable String profileIdOf(Identifier identifier) {
		return this.jdbc.sql("SELECT profile_id FROM profile.identifiers WHERE type = ? AND value = ?")
			.param(identifier.type().name())
			.param(identifier.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private ResponseEntity<String> call(HttpMethod method, String path, @Nullable String body, Set<String> scopes) {
		RestClient.RequestBodySpec request = RestClient.create()
			.method(method)
			.uri(URI.create("http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("consent-test", scopes, Instant.now()));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, reply) -> {
		}).toEntity(String.class);
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

}
