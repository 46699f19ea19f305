package io.cdp.profile.destination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.destination.WebhookReceiver.Answer;
import io.cdp.profile.destination.WebhookReceiver.Received;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook delivery on the real broker and PostgreSQL to a real HTTP receiver on 127.0.0.1
 * (allowed here by the operator settings, with plain HTTP): changes produced on
 * {@code cdp.audience-membership.v1} arrive signed, retried after a 503 and a 429 with
 * {@code Retry-After}, with stable idempotency keys; a permanent refusal is dead-lettered
 * and replayed; nothing is lost while the delivery is stopped and started again; a
 * failing and a hanging destination do not delay a healthy one. Each test subscribes its
 * destinations to an audience of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + DestinationDeliveryIT.INTERNAL_SECRET,
				"cdp.destinations.secret-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
				"cdp.destinations.allow-http=true", "cdp.destinations.allowed-networks=127.0.0.1/32",
				"cdp.destinations.poll-interval=50ms", "cdp.destinations.retry-base=200ms",
				"cdp.destinations.retry-max=1s", "cdp.destinations.read-timeout=4s" })
@RealInfrastructure
class DestinationDeliveryIT {

	static final String INTERNAL_SECRET = "destinations-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final TestKafka kafka;

	private final KafkaProducer<String, byte[]> producer;

	private final WebhookReceiver receiver;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	@Qualifier("destinationFeedContainer")
	private ConcurrentMessageListenerContainer<byte[], byte[]> feed;

	@Autowired
	private DestinationDispatcher dispatcher;

	private String run = "";

	DestinationDeliveryIT(TestKafka kafka) throws IOException {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
		this.receiver = new WebhookReceiver();
	}

	@BeforeEach
	void newRun() {
		this.run = UUID.randomUUID().toString().substring(0, 8);
	}

	@AfterEach
	void close() {
		// Each test's destinations go with its receiver.
		for (JsonNode destination : json(admin("GET", "/v1/admin/destinations", null)).get("destinations")) {
			admin("DELETE", "/v1/admin/destinations/" + destination.get("id").asLong(), null);
		}
		this.producer.close();
		this.receiver.close();
	}

	@Test
	void shouldDeliverSignedChangesAndRetryAfter503And429HonouringRetryAfter() {
		String path = "/crm-" + this.run;
		this.receiver.script(path, new Answer(503, null), new Answer(429, "2"));
		JsonNode created = create(path, 10, 1000, "\"identifiers\": [\"email\"], \"traits\": [\"plan\"]");
		String secret = created.get("secret").asString();
		List<AudienceMembershipChange> changes = List.of(change("p1", 1), change("p2", 1), change("p3", 1));
		changes.forEach(this::produce);

		await().atMost(PATIENCE).until(() -> deliveredChangeIds(path).size() == 3);

		List<Received> requests = this.receiver.received(path);
		Received first = requests.get(0);
		List<Received> sameBatch = requests.stream()
			.filter((r) -> first.idempotencyKey() != null && first.idempotencyKey().equals(r.idempotencyKey()))
			.toList();
		assertThat(sameBatch).extracting(Received::answered).containsExactly(503, 429, 200);
		// The same changes in the same body, under the same key, every time.
		assertThat(sameBatch).allSatisfy((r) -> assertThat(r.body()).isEqualTo(first.body()));
		Duration waited = Duration.between(sameBatch.get(1).at(), sameBatch.get(2).at());
		assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
		for (Received request : requests) {
			assertThat(verifies(secret, request)).as(request.signature()).isTrue();
			assertThat(verifies("whsec_wrong", request)).isFalse();
		}
		JsonNode item = requests.get(requests.size() - 1).changes().get(0);
		assertThat(item.get("idempotencyKey").asString()).isEqualTo(item.get("changeId").asString());
		assertThat(item.get("identifiers").propertyNames()).containsExactly("email");
		assertThat(item.get("traits").propertyNames()).containsExactly("plan");
		assertThat(item.get("change").asString()).isEqualTo("entered");

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode status = json(admin("GET", "/v1/admin/destinations/" + created.get("id").asLong(), null))
				.get("status");
			assertThat(status.get("delivered").asLong()).isEqualTo(3);
			assertThat(status.get("pending").asLong()).isZero();
			assertThat(status.get("lastError").asString()).isEqualTo("HTTP 429");
		});
		assertThat(
				this.meters.counter("cdp.destinations.changes", "destination", "d-" + this.run, "outcome", "delivered")
					.count())
			.isEqualTo(3.0);
		assertThat(this.meters.counter("cdp.destinations.changes", "destination", "d-" + this.run, "outcome", "retried")
			.count()).isGreaterThanOrEqualTo(2.0);
		JsonNode read = json(admin("GET", "/v1/admin/destinations/d-" + this.run, null));
		assertThat(read.path("secret").isNull() || read.path("secret").isMissingNode()).isTrue();
		assertThat(read.toString()).doesNotContain(secret);
	}

	@Test
	void shouldDeadLetterAPermanentRefusalAndDeliverItOnReplay() {
		String path = "/refusing-" + this.run;
		this.receiver.script(path, new Answer(400, null));
		long id = create(path, 1, 0, "").get("id").asLong();
		AudienceMembershipChange change = change("p1", 7);
		produce(change);

		await().atMost(PATIENCE)
			.until(() -> json(admin("GET", "/v1/admin/destinations/" + id + "/dead-letters", null)).get("deadLetters")
				.size() == 1);
		JsonNode deadLetter = json(admin("GET", "/v1/admin/destinations/" + id + "/dead-letters", null))
			.get("deadLetters")
			.get(0);
		assertThat(deadLetter.get("changeId").asString()).isEqualTo(change.changeId());
		assertThat(deadLetter.get("error").asString()).isEqualTo("HTTP 400");
		assertThat(deadLetter.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.receiver.received(path)).hasSize(1);

		assertThat(json(admin("POST", "/v1/admin/destinations/" + id + "/dead-letters/replay", null)).get("replayed")
			.asInt()).isEqualTo(1);

		await().atMost(PATIENCE).until(() -> deliveredChangeIds(path).contains(change.changeId()));
		assertThat(json(admin("GET", "/v1/admin/destinations/" + id + "/dead-letters", null)).get("deadLetters"))
			.isEmpty();
		assertThat(this.receiver.received(path)).flatMap(Received::changes)
			.extracting((item) -> item.get("idempotencyKey").asString())
			.containsOnly(change.changeId());
	}

	@Test
	void shouldNotLetAFailingOrHangingDestinationDelayAHealthyOne() {
		String failing = "/failing-" + this.run;
		String hanging = "/hanging-" + this.run;
		String healthy = "/healthy-" + this.run;
		for (int i = 0; i < 50; i++) {
			this.receiver.script(failing, new Answer(503, null));
		}
		this.receiver.hold(hanging);
		create(failing, 1, 0, "", "failing-" + this.run);
		create(hanging, 1, 0, "", "hanging-" + this.run);
		create(healthy, 1, 0, "", "healthy-" + this.run);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			AudienceMembershipChange change = change("p" + i, 1);
			ids.add(change.changeId());
			produce(change);
		}

		await().atMost(Duration.ofSeconds(15)).until(() -> deliveredChangeIds(healthy).containsAll(ids));
		// Meanwhile the hanging receiver holds its first request and the failing one
		// refused at least one.
		assertThat(this.receiver.received(hanging)).isEmpty();
		assertThat(this.receiver.received(failing)).isNotEmpty()
			.allSatisfy((r) -> assertThat(r.answered()).isEqualTo(503));
		this.receiver.release(hanging);
		await().atMost(PATIENCE).until(() -> deliveredChangeIds(hanging).containsAll(ids));
	}

	@Test
	void shouldLoseNoChangeAcrossARestartOfTheDelivery() {
		String path = "/restarted-" + this.run;
		// Two requests a second of at most 5 changes: the 40 changes take seconds, so the
		// stop comes while some are queued and others not yet read.
		create(path, 5, 100, "\"rateLimit\": 2");
		List<AudienceMembershipChange> changes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			changes.add(change("p" + (i % 7), i + 1));
		}
		changes.subList(0, 20).forEach(this::produce);
		await().atMost(PATIENCE).until(() -> !this.receiver.received(path).isEmpty());

		this.feed.stop();
		this.dispatcher.stop();
		int deliveredWhileRunning = deliveredChangeIds(path).size();
		changes.subList(20, 40).forEach(this::produce);
		// Changes read again from the topic after the restart are recognised.
		changes.subList(0, 5).forEach(this::produce);
		assertThat(deliveredWhileRunning).isLessThan(40);
		this.feed.start();
		this.dispatcher.start();

		await().atMost(PATIENCE)
			.until(() -> deliveredChangeIds(path)
				.containsAll(changes.stream().map(AudienceMembershipChange::changeId).toList()));
		Map<String, Set<String>> keysByChange = new HashMap<>();
		for (Received request : this.receiver.received(path)) {
			for (JsonNode item : request.changes()) {
				keysByChange.computeIfAbsent(item.get("changeId").asString(), (c) -> new HashSet<>())
					.add(item.get("idempotencyKey").asString());
			}
		}
		assertThat(keysByChange).hasSize(40).allSatisfy((changeId, keys) -> assertThat(keys).containsExactly(changeId));
		// Every request was answered 200, so each change was sent once, the duplicates
		// on the topic included.
		assertThat(this.receiver.received(path)).flatMap(Received::changes).hasSize(40);
	}

	private Set<String> deliveredChangeIds(String path) {
		return this.receiver.received(path)
			.stream()
			.filter((r) -> r.answered() == 200)
			.flatMap((r) -> r.changes().stream())
			.map((item) -> item.get("changeId").asString())
			.collect(Collectors.toSet());
	}

	private static boolean verifies(String secret, Received request) {
		String header = request.signature();
		if (header == null) {
			return false;
		}
		Map<String, String> parts = new HashMap<>();
		for (String part : header.split(",")) {
			String[] pair = part.split("=", 2);
			parts.put(pair[0], pair[1]);
		}
		long t = Long.parseLong(parts.get("t"));
		if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
			byte[] expected = mac.doFinal(request.body());
			return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode create(String path, int batchSize, int intervalMs, String extra) {
		return create(path, batchSize, intervalMs, extra, "d-" + this.run);
	}

	private JsonNode create(String path, int batchSize, int intervalMs, String extra, String name) {
		String body = """
				{"name": "%s", "url": "%s", "audiences": ["%s"], "batchSize": %d, "batchIntervalMs": %d%s}""".formatted(
				name, this.receiver.url(path), audienceId(), batchSize, intervalMs,
				extra.isEmpty() ? "" : ", " + extra);
		ResponseEntity<String> response = admin("POST", "/v1/admin/destinations", body);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
		return json(response);
	}

	private String audienceId() {
		return "aud-" + this.run;
	}

	private AudienceMembershipChange change(String profile, long sequence) {
		String profileId = profile + "-" + this.run;
		return new AudienceMembershipChange(AudienceMembershipChange.changeIdOf(audienceId(), profileId, sequence),
				profileId, audienceId(), "Big spenders", AudienceMembershipChange.ENTERED, Instant.now(),
				AudienceMembershipChange.Causes.EVENT,
				Map.of("email", List.of(profile + "@example.com"), "phone", List.of("+15550100")),
				Map.of("plan", "pro", "ltv", 1234));
	}

	private void produce(AudienceMembershipChange change) {
		byte[] value = this.kafka.topics().audienceMembership().valueSerde().serializer().serialize("", change);
		try {
			this.producer
				.send(new ProducerRecord<>(this.kafka.topics().audienceMembership().name(), change.profileId(), value))
				.get();
		}
		catch (InterruptedException | java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<String> admin(String method, String path, @Nullable String body) {
		RestClient.RequestBodySpec request = RestClient.create()
			.method(HttpMethod.valueOf(method))
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("console", Set.of("admin"), Instant.now()));
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
