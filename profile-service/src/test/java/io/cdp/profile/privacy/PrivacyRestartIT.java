package io.cdp.profile.privacy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.profile.ProfileServiceProcess;
import io.cdp.profile.WebEvents;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deletion whose instance is killed without warning right after it accepted the
 * request: the instance that takes over finishes it. The person's rows go from every
 * personal table, their profiles stay forgotten, their identifiers suppressed, and nobody
 * else is touched. The service runs in child JVMs, so that the first can be killed.
 */
@RealInfrastructure
class PrivacyRestartIT {

	private static final Logger logger = LoggerFactory.getLogger(PrivacyRestartIT.class);

	private static final String INTERNAL_SECRET = "privacy-restart-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldFinishADeletionWhoseInstanceWasKilledPartWay(TestKafka kafka, TestDatabase database,
			@TempDir Path stateDir) throws Exception {
		Identifier device = Identifier.parse("anonymous_id:restart-a-" + this.run);
		Identifier user = Identifier.parse("user_id:restart-u-" + this.run);
		Identifier email = Identifier.parse("email:restart-" + this.run + "@example.com");
		Identifier other = Identifier.parse("user_id:restart-other-" + this.run);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
				new StringSerializer(), new ByteArraySerializer())) {
			ProfileServiceProcess first = start(kafka, database, stateDir, "first");
			String requestPath;
			List<String> ids;
			try {
				List<CustomerEvent> history = List.of(event(EventType.PAGE, "Home", device),
						event(EventType.IDENTIFY, null, user, email), event(EventType.IDENTIFY, null, other),
						event(EventType.TRACK, "Order Completed", device, user));
				// Two profiles as far as the platform knows (the events go to partitions
				// by
				// message id, in no set order), until the device signs in.
				history.subList(0, 3).forEach((event) -> send(producer, kafka, event));
				await().atMost(PATIENCE)
					.until(() -> profileIdOf(database, device) != null && profileIdOf(database, email) != null);
				send(producer, kafka, history.get(3));
				String survivor = await().atMost(PATIENCE).until(() -> {
					String ofDevice = profileIdOf(database, device);
					return (ofDevice != null && ofDevice.equals(profileIdOf(database, email))) ? ofDevice : null;
				}, Objects::nonNull);
				await().atMost(PATIENCE).until(() -> profileIdOf(database, other) != null);
				await().atMost(PATIENCE)
					.until(() -> count(database, "SELECT count(*) FROM profile.events WHERE message_id = ANY(?)",
							history.stream().map(CustomerEvent::messageId).toArray(String[]::new)) == history.size());
				// The device's first profile and the user's, merged.
				ids = await().atMost(PATIENCE)
					.until(() -> profileIds(database, survivor), (found) -> found.size() >= 2);

				HttpResponse<String> created = post(first.uri("/v1/admin/privacy/requests"),
						"{\"identifier\": \"" + email.key() + "\", \"type\": \"both\"}");
				assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
				requestPath = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
			}
			finally {
				first.kill();
			}
			String requestId = requestPath.substring(requestPath.lastIndexOf('/') + 1);
			String killedAt = stringOf(database,
					"SELECT status || ' at ' || stage FROM profile.privacy_requests WHERE request_id = ?", requestId);
			logger.info("Killed the instance with the privacy request {}", killedAt);
			assertThat(killedAt).as("the request when its instance was killed").startsWith("pending");

			ProfileServiceProcess second = start(kafka, database, stateDir, "second");
			try {
				JsonNode done = await().atMost(PATIENCE)
					.until(() -> json(get(second.uri(requestPath))),
							(answer) -> "completed".equals(answer.path("status").asString()));
				assertThat(done.at("/removed/suppressedIdentifiers").asInt()).isEqualTo(3);
				for (Map.Entry<String, List<String>> table : PrivacyRepository.PERSONAL_TABLES.entrySet()) {
					for (String column : table.getValue()) {
						assertThat(count(database,
								"SELECT count(*) FROM profile." + table.getKey() + " WHERE " + column + " = ANY(?)",
								ids.toArray(String[]::new)))
							.as("rows of the person in %s.%s", table.getKey(), column)
							.isZero();
					}
				}
				assertThat(count(database, "SELECT count(*) FROM profile.forgotten_profiles WHERE profile_id = ANY(?)",
						ids.toArray(String[]::new)))
					.isEqualTo(ids.size());
				assertThat(count(database, "SELECT count(*) FROM profile.suppressions WHERE identifier_hash = ANY(?)",
						new String[] { IdentifierHash.of(device), IdentifierHash.of(user), IdentifierHash.of(email) }))
					.isEqualTo(3);
				assertThat(get(second.uri("/v1/profiles/lookup?identifier=" + email.key())).statusCode())
					.isEqualTo(404);
				assertThat(profileIdOf(database, other)).as("nobody else is touched").isNotNull();

				// A new event of the person is dropped; one of someone else is not.
				CustomerEvent again = event(EventType.TRACK, "Order Completed", email);
				CustomerEvent marker = event(EventType.TRACK, "Marker", other);
				send(producer, kafka, again);
				send(producer, kafka, marker);
				await().atMost(PATIENCE)
					.until(() -> count(database, "SELECT count(*) FROM profile.events WHERE message_id = ANY(?)",
							new String[] { marker.messageId() }) == 1);
				assertThat(count(database, "SELECT count(*) FROM profile.events WHERE message_id = ANY(?)",
						new String[] { again.messageId() }))
					.isZero();
				assertThat(profileIdOf(database, email)).isNull();
			}
			finally {
				second.stop();
			}
		}
	}

	private ProfileServiceProcess start(TestKafka kafka, TestDatabase database, Path stateDir, String name)
			throws IOException {
		return ProfileServiceProcess.start(kafka, database, stateDir, "privacy-restart", name,
				"--cdp.caller.internal-secret=" + INTERNAL_SECRET, "--cdp.privacy.resume-interval=1s");
	}

	private CustomerEvent event(EventType type, @Nullable String name, Identifier... identifiers) {
		return WebEvents.event("m-restart-", type, name, identifiers).build();
	}

	private static void send(KafkaProducer<String, byte[]> producer, TestKafka kafka, CustomerEvent event) {
		producer.send(new ProducerRecord<>(kafka.topics().events().name(), event.messageId(),
				kafka.topics().events().valueSerde().serializer().serialize("", event)));
		producer.flush();
	}

	private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
		return this.http.send(caller(HttpRequest.newBuilder(uri)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(caller(HttpRequest.newBuilder(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder caller(HttpRequest.Builder request) {
		return request.header(CallerHeader.NAME,
				GATEWAY.write("privacy-restart-test", Set.of("admin", "profiles:read"), Instant.now()));
	}

	private static JsonNode json(HttpResponse<String> response) {
		return ContractJson.mapper().readTree(response.body());
	}

	private static @Nullable String profileIdOf(TestDatabase database, Identifier identifier) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT profile_id FROM profile.identifiers WHERE type = ? AND value = ?")) {
			select.setString(1, identifier.type().name());
			select.setString(2, identifier.value());
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	/** The survivor and the profiles merged into it. */
	private static List<String> profileIds(TestDatabase database, String survivor) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT unnest(merged_profile_ids) FROM profile.profiles WHERE profile_id = ?")) {
			select.setString(1, survivor);
			List<String> ids = new ArrayList<>(List.of(survivor));
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getString(1));
				}
			}
			return ids;
		}
	}

	private static long count(TestDatabase database, String sql, String[] values) throws SQLException {
		try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
			Array array = connection.createArrayOf("text", values);
			select.setArray(1, array);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static @Nullable String stringOf(TestDatabase database, String sql, String value) throws SQLException {
		try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, value);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

}
