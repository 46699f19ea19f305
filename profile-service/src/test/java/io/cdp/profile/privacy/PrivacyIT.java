package io.cdp.profile.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.caller.AuditHeader;
import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.profile.WebEvents;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Privacy requests on the real broker and PostgreSQL, through the whole identity
 * topology: a person with a merged history, in an audience, is deleted and suppressed;
 * every table of the serving store loses their rows, the profile API no longer knows
 * them, they leave the audience with cause {@code deleted}, and neither one of their old
 * events sent again nor a new one brings them back. The export answers everything held
 * about a person, as JSON and as NDJSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + PrivacyIT.INTERNAL_SECRET, "cdp.privacy.resume-interval=1s" })
@RealInfrastructure
class PrivacyIT {

	static final String INTERNAL_SECRET = "privacy-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	PrivacyIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	@Test
	void shouldDeleteAPersonWithAMergedHistoryEverywhereAndKeepThemGoneWhileSuppressed() {
		Identifier device = Identifier.parse("anonymous_id:privacy-a-" + this.run);
		Identifier user = Identifier.parse("user_id:privacy-u-" + this.run);
		Identifier email = Identifier.parse("email:privacy-" + this.run + "@example.com");
		Identifier other = Identifier.parse("user_id:privacy-other-" + this.run);
		long audience = createAudience("privacy-people-" + this.run, """
				{"trait": "run", "op": "eq", "value": "%s"}""".formatted(this.run));
		CustomerEvent visit = event(EventType.PAGE, "Home", device).build();
		List<CustomerEvent> history = new ArrayList<>(List.of(visit,
				event(EventType.IDENTIFY, null, user, email).traits(Map.of("run", this.run, "name", "Ada")).build(),
				event(EventType.TRACK, "Order Completed", device).properties(Map.of("revenue", 30, "currency", "EUR"))
					.build(),
				event(EventType.IDENTIFY, null, other).traits(Map.of("run", this.run)).build()));
		history.forEach(this::send);
		// Two people as far as the platform knows, until the device signs in.
		await().atMost(PATIENCE).until(() -> profileIdOf(device) != null && profileIdOf(user) != null);
		CustomerEvent signIn = event(EventType.IDENTIFY, null, device, user).build();
		history.add(signIn);
		send(signIn);
		String survivor = await().atMost(PATIENCE)
			.until(() -> profileIdOf(device), (id) -> id != null && id.equals(profileIdOf(user)));
		String otherId = await().atMost(PATIENCE).until(() -> profileIdOf(other), Objects::nonNull);
		await().atMost(PATIENCE)
			.until(() -> count("SELECT count(*) FROM profile.events WHERE message_id = ANY(?)",
					(Object) history.stream().map(CustomerEvent::messageId).toArray(String[]::new)) == history.size());
		await().atMost(PATIENCE)
			.until(() -> count("SELECT count(*) FROM profile.audience_members WHERE audience_id = ? AND profile_id = ?",
					audience, survivor) == 1);
		// The device's profile was merged into the user's (and, as the events arrived,
		// maybe
		// a profile of the order too).
		await().atMost(PATIENCE).until(() -> profileIds(survivor).size() >= 2);
		List<String> ids = profileIds(survivor);

		try (KafkaConsumer<String, AudienceMembershipChange> changes = new KafkaConsumer<>(
				this.kafka.consumerProperties(), new StringDeserializer(),
				this.kafka.topics().audienceMembership().valueSerde().deserializer())) {
			changes.subscribe(List.of(this.kafka.topics().audienceMembership().name()));
			List<AudienceMembershipChange> seen = new ArrayList<>();

			// Typed as a person would: the request normalises it as identity resolution
			// does.
			ResponseEntity<String> created = call("POST", "/v1/admin/privacy/requests", """
					{"identifier": "email:  Privacy-%s@Example.COM ", "type": "both"}""".formatted(this.run));
			assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(202);
			JsonNode request = json(created);
			assertThat(request.get("profileId").asString()).isEqualTo(survivor);
			assertThat(request.get("status").asString()).isEqualTo("pending");
			String location = created.getHeaders().getLocation().toString();

			JsonNode done = await().atMost(PATIENCE)
				.until(() -> json(call("GET", location, null)),
						(answer) -> "completed".equals(answer.get("status").asString()));
			assertThat(done.get("requestedBy").asString()).isEqualTo("privacy-test");
			JsonNode removed = done.get("removed");
			assertThat(removed.get("suppressedIdentifiers").asInt()).isEqualTo(3);
			assertThat(removed.get("postgres").get("events").asLong()).isEqualTo(4);
			assertThat(removed.get("postgres").get("identifiers").asLong()).isEqualTo(3);
			assertThat(removed.get("postgres").get("profiles").asLong()).isEqualTo(ids.size());
			assertThat(removed.get("identityTopology").get("profileStates").asInt()).isEqualTo(ids.size());

			for (Map.Entry<String, List<String>> table : PrivacyRepository.PERSONAL_TABLES.entrySet()) {
				for (String column : table.getValue()) {
					assertThat(
							count("SELECT count(*) FROM profile." + table.getKey() + " WHERE " + column + " = ANY(?)",
									(Object) ids.toArray(String[]::new)))
						.as("rows of the person in %s.%s", table.getKey(), column)
						.isZero();
				}
			}
			assertThat(count("SELECT count(*) FROM profile.forgotten_profiles WHERE profile_id = ANY(?)",
					(Object) ids.toArray(String[]::new)))
				.isEqualTo(ids.size());
			assertThat(count("SELECT count(*) FROM profile.suppressions WHERE identifier_hash = ?",
					IdentifierHash.of(email)))
				.isEqualTo(1);
			assertThat(call("GET", "/v1/profiles/" + survivor, null).getStatusCode().value()).isEqualTo(404);
			assertThat(call("GET", "/v1/profiles/lookup?identifier=" + email.key(), null).getStatusCode().value())
				.isEqualTo(404);
			assertThat(call("GET", "/v1/profiles/" + otherId, null).getStatusCode().value())
				.as("nobody else is touched")
				.isEqualTo(200);
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen, survivor);
				assertThat(seen).extracting(AudienceMembershipChange::change, AudienceMembershipChange::cause)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("left", "deleted"));
				assertThat(seen.get(0).traits()).isEmpty();
			});

			// An SDK retry of an old event, and a new one with the email: dropped.
			send(visit);
			send(event(EventType.TRACK, "Order Completed", email).build());
			CustomerEvent marker = event(EventType.TRACK, "Marker", other).build();
			send(marker);
			await().atMost(PATIENCE)
				.until(() -> count("SELECT count(*) FROM profile.events WHERE message_id = ?",
						marker.messageId()) == 1);
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(profileIdOf(email)).isNull();
				assertThat(profileIdOf(device)).isNull();
				assertThat(count("SELECT count(*) FROM profile.events WHERE message_id = ?", visit.messageId()))
					.isZero();
			});
		}
	}

	@Test
	void shouldExportEverythingHeldAboutAPersonAsJsonAndNdjson() {
		Identifier device = Identifier.parse("anonymous_id:export-a-" + this.run);
		Identifier email = Identifier.parse("email:export-" + this.run + "@example.com");
		List<CustomerEvent> history = List.of(event(EventType.PAGE, "Pricing", device).build(),
				event(EventType.IDENTIFY, null, device, email).traits(Map.of("name", "Grace")).build(),
				event(EventType.TRACK, "Order Completed", email).properties(Map.of("revenue", 12)).build());
		history.forEach(this::send);
		await().atMost(PATIENCE)
			.until(() -> count("SELECT count(*) FROM profile.events WHERE message_id = ANY(?)",
					(Object) history.stream().map(CustomerEvent::messageId).toArray(String[]::new)) == history.size());
		// The events may arrive in any order: once stored, the device and the email name
		// one person.
		String profileId = await().atMost(PATIENCE)
			.until(() -> profileIdOf(email), (id) -> id != null && id.equals(profileIdOf(device)));

		ResponseEntity<String> exported = call("GET", "/v1/admin/privacy/export?identifier=" + email.key(), null);

		assertThat(exported.getStatusCode().value()).as(exported.getBody()).isEqualTo(200);
		assertThat(exported.getHeaders().getFirst(AuditHeader.NAME)).isEqualTo(profileId);
		JsonNode document = json(exported);
		assertThat(document.get("identifier").asString()).isEqualTo(email.key());
		assertThat(document.get("profile").get("profileId").asString()).isEqualTo(profileId);
		assertThat(document.get("profile").get("traits").get("name").get("value").asString()).isEqualTo("Grace");
		assertThat(document.get("profile").has("consent")).isTrue();
		assertThat(document.get("merges").isArray() || document.get("merges").isObject()).isTrue();
		List<String> messageIds = new ArrayList<>();
		document.get("events").forEach((event) -> messageIds.add(event.get("messageId").asString()));
		assertThat(messageIds)
			.containsExactlyInAnyOrderElementsOf(history.stream().map(CustomerEvent::messageId).toList());

		ResponseEntity<String> lines = call("GET", "/v1/admin/privacy/export?format=ndjson&identifier=" + device.key(),
				null);
		assertThat(lines.getStatusCode().value()).isEqualTo(200);
		assertThat(lines.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
		List<String> ndjson = lines.getBody().lines().toList();
		assertThat(ndjson).hasSize(3)
			.allSatisfy((line) -> assertThat(ContractJson.mapper().readTree(line).get("messageId")).isNotNull());

		assertThat(call("GET", "/v1/admin/privacy/export?format=xml&identifier=" + email.key(), null).getStatusCode()
			.value()).isEqualTo(400);
		assertThat(call("GET", "/v1/admin/privacy/export?identifier=email:nobody-" + this.run + "@example.com", null)
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void shouldRefuseBadRequestsNamingTheField() {
		assertThat(problem(call("POST", "/v1/admin/privacy/requests", "{\"identifier\": \"email:x@example.com\"}")))
			.containsKey("type");
		assertThat(problem(call("POST", "/v1/admin/privacy/requests", "{\"type\": \"delete\"}")))
			.containsKey("identifier");
		assertThat(problem(call("POST", "/v1/admin/privacy/requests",
				"{\"identifier\": \"nonsense\", \"type\": \"erase\", \"why\": 1}")))
			.containsKeys("identifier", "type", "why");
		assertThat(call("POST", "/v1/admin/privacy/requests", "[1, 2]").getStatusCode().value()).isEqualTo(400);
		assertThat(call("POST", "/v1/admin/privacy/requests", "{" + "\"a\":".repeat(5000)).getStatusCode().value())
			.isBetween(400, 499);
		assertThat(call("GET", "/v1/admin/privacy/requests/" + UUID.randomUUID(), null).getStatusCode().value())
			.isEqualTo(404);
		assertThat(call("GET", "/v1/admin/privacy/requests/%00", null).getStatusCode().value()).isBetween(400, 404);
	}

	@Test
	void shouldCompleteASuppressionOfAnIdentifierNobodyHoldsYet() {
		ResponseEntity<String> created = call("POST", "/v1/admin/privacy/requests", """
				{"identifier": "phone:+1 415 555 01%s", "type": "suppress"}"""
			.formatted(String.valueOf(Math.abs(this.run.hashCode() % 90) + 10)));
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(202);
		assertThat(json(created).get("profileId").isNull()).isTrue();
		String location = created.getHeaders().getLocation().toString();
		JsonNode done = await().atMost(PATIENCE)
			.until(() -> json(call("GET", location, null)),
					(answer) -> "completed".equals(answer.get("status").asString()));
		assertThat(done.get("removed").get("suppressedIdentifiers").asInt()).isEqualTo(1);
	}

	/** Every table of the serving store that names a profile is one a deletion covers. */
	@Test
	void shouldCoverEveryTableThatNamesAProfile() {
		List<String> tables = this.jdbc
			.sql("""
					SELECT DISTINCT c.table_name FROM information_schema.columns c
					JOIN pg_class t ON t.relname = c.table_name
					JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = c.table_schema
					WHERE c.table_schema = 'profile' AND c.column_name IN ('profile_id', 'loser_id', 'winner_id')
					    AND NOT t.relispartition AND t.relkind IN ('r', 'p')
					    AND c.table_name NOT IN ('forgotten_privacy_placeholder', 'forgotten_profiles', 'privacy_requests')""")
			.query(String.class)
			.list();
		assertThat(PrivacyRepository.PERSONAL_TABLES.keySet()).containsAll(tables);
	}

	private long createAudience(String name, String condition) {
		ResponseEntity<String> created = call("POST", "/v1/admin/audiences",
				"{\"name\": \"%s\", \"condition\": %s}".formatted(name, condition));
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
		return json(created).get("id").asLong();
	}

	private List<String> profileIds(String profileId) {
		List<String> ids = new ArrayList<>();
		ids.add(profileId);
		ids.addAll(this.jdbc.sql("SELECT unnest(merged_profile_ids) FROM profile.profiles WHERE profile_id = ?")
			.param(profileId)
			.query(String.class)
			.list());
		return ids;
	}

	private long count(String sql, Object... params) {
		var statement = this.jdbc.sql(sql);
		for (Object param : params) {
			statement = statement.param(param);
		}
		return statement.query(Long.class).single();
	}

	private void poll(KafkaConsumer<String, AudienceMembershipChange> consumer, List<AudienceMembershipChange> seen,
			String profileId) {
		for (ConsumerRecord<String, AudienceMembershipChange> record : consumer.poll(Duration.ofMillis(200))) {
			if (record.value().profileId().equals(profileId)
					&& AudienceMembershipChange.LEFT.equals(record.value().change())) {
				seen.add(record.value());
			}
		}
	}

	private CustomerEventBuilder event(EventType type, @Nullable String name, Identifier... identifiers) {
		return WebEvents.event("m-privacy-", type, name, identifiers);
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

	private ResponseEntity<String> call(String method, String path, @Nullable String body) {
		RestClient.RequestBodySpec request = RestClient.create()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(java.net.URI.create(path.startsWith("http") ? path : "http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("privacy-test", Set.of("admin", "profiles:read"), Instant.now()));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, reply) -> {
		}).toEntity(String.class);
	}

	private static Map<String, Object> problem(ResponseEntity<String> answer) {
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
		JsonNode errors = json(answer).get("errors");
		assertThat(errors).as(answer.getBody()).isNotNull();
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		errors.propertyNames().forEach((name) -> fields.put(name, errors.get(name).asString()));
		return fields;
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

}
