package io.cdp.ingest.deadletter;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecordSerde;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.ingest.source.SourceRegistry;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter store on the real broker and PostgreSQL: dead letters and quarantined
 * records land in the table once, raw bytes and all, even when read again; admins list
 * them with filters and pages and replay them, a quarantined record with its original
 * bytes, a refused message through its source's fixed intake, each once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN,
				"cdp.ingest.dead-letters.max-replay=5" })
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterStoreIT {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TopicCatalog topics;

	@Autowired
	private SourceRegistry registry;

	@Autowired
	private DeadLetterRepository repository;

	@Autowired
	private ConsumerFactory<byte[], byte[]> consumers;

	@Autowired
	private DeadLetterProperties settings;

	@Autowired
	private MeterRegistry meters;

	private IngestClient client;

	private KafkaProducer<byte[], byte[]> producer;

	private KafkaConsumer<byte[], byte[]> events;

	private final List<ConsumerRecord<byte[], byte[]>> seenEvents = new ArrayList<>();

	@BeforeAll
	void connect(TestKafka kafka) {
		this.client = new IngestClient(this.port);
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.events = new KafkaConsumer<>(kafka.consumerProperties(), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> all = new ArrayList<>();
		for (int partition = 0; partition < this.topics.events().partitions(); partition++) {
			all.add(new TopicPartition(this.topics.events().name(), partition));
		}
		this.events.assign(all);
		this.events.seekToBeginning(all);
	}

	@AfterAll
	void close() {
		this.producer.close();
		this.events.close();
	}

	@Test
	void shouldStoreEveryDeadLetterOnceWithItsBytesEvenWhenReadAgain() {
		String source = "src_store_" + UUID.randomUUID();
		DeadLetter rejected = new DeadLetter("{\"messageId\":\"m-nul\",\"event\":\"a\u0000b\"}",
				"userId or anonymousId is required", "userId", source, Instant.parse("2025-03-01T10:15:30Z"));
		byte[] badUtf8 = { (byte) 0xC3, 0x28, 0x00, 'v' };
		QuarantinedRecord quarantined = new QuarantinedRecord("identity.gather", "unreadable", "cannot read",
				this.topics.events().name(), 2, 17, new byte[] { 0, 'k' }, badUtf8, source, "m-bytes",
				Instant.parse("2025-03-01T10:16:00Z"));
		byte[] junk = { (byte) 0xFF, 0x00, '{' };

		RecordMetadata rejectedAt = send(this.topics.eventsDeadLetter().name(), source.getBytes(StandardCharsets.UTF_8),
				new DeadLetterSerde().serializer().serialize("t", rejected));
		RecordMetadata quarantinedAt = send(this.topics.quarantine().name(), null,
				new QuarantinedRecordSerde().serializer().serialize("t", quarantined));
		RecordMetadata junkQuarantineAt = send(this.topics.quarantine().name(), "junk".getBytes(), junk);
		RecordMetadata junkDeadLetterAt = send(this.topics.eventsDeadLetter().name(), null,
				"not json\u0000".getBytes(StandardCharsets.UTF_8));

		List<DeadLetterView> stored = awaitStored(
				List.of(rejectedAt, quarantinedAt, junkQuarantineAt, junkDeadLetterAt));
		assertThat(stored.get(0)).satisfies((letter) -> {
			assertThat(letter.kind()).isEqualTo("rejected");
			assertThat(letter.stage()).isEqualTo("ingest");
			assertThat(letter.reason()).isEqualTo("invalid-message");
			assertThat(letter.error()).isEqualTo("userId or anonymousId is required");
			assertThat(letter.field()).isEqualTo("userId");
			// A raw NUL is not JSON, so no messageId can be read from it.
			assertThat(letter.messageId()).isNull();
			assertThat(letter.payload()).isEqualTo(rejected.payload()).contains("\u0000");
			assertThat(letter.payloadBase64()).isFalse();
		});
		assertThat(stored.get(1)).satisfies((letter) -> {
			assertThat(letter.kind()).isEqualTo("quarantined");
			assertThat(letter.stage()).isEqualTo("identity.gather");
			assertThat(letter.original()).isEqualTo(new DeadLetterView.Place(this.topics.events().name(), 2, 17L));
			assertThat(letter.payloadBase64()).isTrue();
			assertThat(Base64.getDecoder().decode(letter.payload())).containsExactly(badUtf8);
			assertThat(letter.key()).isEqualTo("\u0000k");
		});
		assertThat(stored.get(2)).satisfies((letter) -> {
			assertThat(letter.kind()).isEqualTo("quarantined");
			assertThat(letter.reason()).isEqualTo("unreadable");
			assertThat(letter.stage()).isEqualTo("dead-letter-store");
			assertThat(Base64.getDecoder().decode(letter.payload())).containsExactly(junk);
		});
		assertThat(stored.get(3)).satisfies((letter) -> {
			assertThat(letter.kind()).isEqualTo("rejected");
			assertThat(letter.reason()).isEqualTo("unreadable");
			assertThat(letter.payload()).isEqualTo("not json\u0000");
		});
		assertThat(this.meters
			.counter("cdp.deadletters.stored", "source", source, "stage", "identity.gather", "reason", "unreadable",
					"kind", "quarantined")
			.count()).isEqualTo(1.0);

		long rows = countRows();
		readEverythingAgainInAnotherGroup();

		assertThat(countRows()).isEqualTo(rows);
		assertThat(awaitStored(List.of(rejectedAt, quarantinedAt, junkQuarantineAt, junkDeadLetterAt)))
			.extracting(DeadLetterView::id)
			.containsExactlyElementsOf(stored.stream().map(DeadLetterView::id).toList());
	}

	@Test
	void shouldStoreARecordQuarantinedTwiceByOneStageOnce() {
		String source = "src_twice_" + UUID.randomUUID();
		QuarantinedRecord quarantined = new QuarantinedRecord("store.writer", "refused-by-database", "NUL",
				this.topics.profileEvents().name(), 1, 4242, null, new byte[] { '{', '}' }, source, "m-twice",
				Instant.parse("2025-03-01T10:16:00Z"));
		byte[] value = new QuarantinedRecordSerde().serializer().serialize("t", quarantined);

		RecordMetadata first = send(this.topics.quarantine().name(), null, value);
		send(this.topics.quarantine().name(), null, value);
		// One partition, stored in order: once the record after them is stored, so is
		// whatever of the two was going to be.
		QuarantinedRecord next = new QuarantinedRecord("store.writer", "refused-by-database", "NUL",
				this.topics.profileEvents().name(), 1, 4243, null, new byte[] { '{', '}' }, "src_other", "m-next",
				Instant.parse("2025-03-01T10:17:00Z"));
		RecordMetadata marker = send(this.topics.quarantine().name(), null,
				new QuarantinedRecordSerde().serializer().serialize("t", next));
		awaitStored(List.of(first, marker));

		assertThat(
				this.jdbc.sql("SELECT count(*) FROM ingest.dead_letters WHERE source_id = ? AND kind = 'quarantined'")
					.param(source)
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void shouldListNewestFirstWithFiltersAndPages() {
		String source = "src_list_" + UUID.randomUUID();
		Instant start = Instant.parse("2025-04-01T00:00:00Z");
		List<StoredLetter> letters = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			LetterKind kind = (i % 2 == 0) ? LetterKind.QUARANTINED : LetterKind.REJECTED;
			letters.add(new StoredLetter(kind, (i < 5) ? "store.writer" : "identity.profile",
					(i == 3) ? "too-large" : "refused-by-database", null, "error " + i, source, "m-" + i, null, null,
					null, null, ("payload " + i).getBytes(StandardCharsets.UTF_8),
					start.plusSeconds((i == 6) ? 0 : i * 60L),
					new StoredLetter.Coordinates("test.paging." + source, 0, i)));
		}
		this.repository.insertAll(letters);

		List<String> paged = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = get(
					"/v1/admin/dead-letters?limit=3&source=" + source + ((cursor != null) ? "&cursor=" + cursor : ""))
				.json();
			page.get("items").forEach((item) -> paged.add(item.get("messageId").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null);

		// Newest first; m-0 and m-6 share a time and the later id comes first.
		assertThat(paged).containsExactly("m-5", "m-4", "m-3", "m-2", "m-1", "m-6", "m-0");
		assertThat(pages).isEqualTo(3);
		assertThat(messageIds("source=" + source + "&kind=rejected")).containsExactly("m-5", "m-3", "m-1");
		assertThat(messageIds("source=" + source + "&stage=identity.profile")).containsExactly("m-5", "m-6");
		assertThat(messageIds("source=" + source + "&reason=too-large")).containsExactly("m-3");
		assertThat(messageIds("source=" + source + "&from=2025-04-01T00:01:00Z&to=2025-04-01T00:03:00Z"))
			.containsExactly("m-2", "m-1");
		JsonNode one = get("/v1/admin/dead-letters?limit=1&source=" + source).json().get("items").get(0);
		assertThat(get("/v1/admin/dead-letters/" + one.get("id").asLong()).json().get("messageId").asString())
			.isEqualTo("m-5");
		assertThat(get("/v1/admin/dead-letters/999999999").status()).isEqualTo(404);
	}

	@Test
	void shouldReplayAQuarantinedEventOntoItsTopicWithItsOriginalBytesOnce() {
		byte[] key = ("q-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		byte[] value = { '{', (byte) 0xC3, 0x28, 0x00, '}' };
		QuarantinedRecord quarantined = new QuarantinedRecord("identity.gather", "processing-failed", "boom",
				this.topics.events().name(), 0, 5, key, value, "src_q", new String(key, StandardCharsets.UTF_8),
				Instant.now());
		QuarantinedRecord elsewhere = new QuarantinedRecord("identity.profile", "unreadable-state", "boom",
				"cdp-profile-identity-profiles-changelog", 0, 5, key, value, "src_q", null, Instant.now());
		long id = awaitStored(List.of(send(this.topics.quarantine().name(), null,
				new QuarantinedRecordSerde().serializer().serialize("t", quarantined))))
			.get(0)
			.id();
		long changelogId = awaitStored(List.of(send(this.topics.quarantine().name(), null,
				new QuarantinedRecordSerde().serializer().serialize("t", elsewhere))))
			.get(0)
			.id();

		JsonNode first = replay("{\"ids\": [" + id + ", " + changelogId + "]}");
		JsonNode second = replay("{\"ids\": [" + id + "]}");

		assertThat(first.get(0).get("outcome").asString()).isEqualTo("published");
		assertThat(first.get(0).get("topic").asString()).isEqualTo(this.topics.events().name());
		assertThat(first.get(1).get("outcome").asString()).isEqualTo("not-replayable");
		assertThat(second.get(0).get("outcome").asString()).isEqualTo("already-replayed");
		List<ConsumerRecord<byte[], byte[]>> replayed = eventsWithKey(key);
		assertThat(replayed).hasSize(1);
		assertThat(replayed.get(0).value()).containsExactly(value);
		JsonNode row = get("/v1/admin/dead-letters/" + id).json();
		assertThat(row.get("replay").get("count").asInt()).isEqualTo(1);
		assertThat(row.get("replay").get("outcome").asString()).isEqualTo("published");
	}

	@Test
	void shouldPublishARefusedMappedElementOnceItsMappingIsFixed() {
		String mapping = "{\"type\": \"track\", \"event\": {\"const\": \"Order Completed\"}, \"messageId\": \"/id\", "
				+ "\"identifiers\": {\"email\": \"/%s\"}}";
		JsonNode created = this.client.createSource(Map.of("name", "Till", "kind", "mapped", "mapping",
				io.cdp.contract.json.ContractJson.mapper().readTree(mapping.formatted("mail"))));
		String sourceId = created.get("id").asString();
		String writeKey = created.get("writeKey").asString();
		String receipt = "R-" + UUID.randomUUID();

		Response posted = this.client.post("/v1/sources/" + sourceId + "/events", writeKey,
				"{\"id\": \"" + receipt + "\", \"email\": \"jane@example.com\"}");
		assertThat(posted.json().get("rejected")).hasSize(1);
		long id = awaitOne("source=" + sourceId);
		JsonNode stillBroken = replay("{\"filter\": {\"source\": \"" + sourceId + "\", \"kind\": \"rejected\"}}");
		fixMapping(sourceId, mapping.formatted("email"));
		JsonNode fixed = replay("{\"filter\": {\"source\": \"" + sourceId + "\"}}");
		JsonNode again = replay("{\"ids\": [" + id + "]}");

		assertThat(stillBroken.get(0).get("outcome").asString()).isEqualTo("still-invalid");
		assertThat(stillBroken.get(0).get("detail").asString()).startsWith("no identifier has a value");
		assertThat(fixed).hasSize(1);
		assertThat(fixed.get(0).get("outcome").asString()).isEqualTo("published");
		assertThat(fixed.get(0).get("messageId").asString()).isEqualTo(receipt);
		assertThat(again.get(0).get("outcome").asString()).isEqualTo("already-replayed");
		List<ConsumerRecord<byte[], byte[]>> published = eventsWithKey(receipt.getBytes(StandardCharsets.UTF_8));
		assertThat(published).hasSize(1);
		CustomerEvent event = new CustomerEventSerde().deserializer().deserialize("t", published.get(0).value());
		assertThat(event.sourceId()).isEqualTo(sourceId);
		assertThat(event.identifiers()).extracting((identifier) -> identifier.value()).contains("jane@example.com");
		JsonNode row = get("/v1/admin/dead-letters/" + id).json();
		assertThat(row.get("replay").get("count").asInt()).isEqualTo(2);
		assertThat(row.get("messageId").asString()).isEqualTo(receipt);
	}

	@Test
	void shouldKeepARefusedTrackingMessageThatIsStillInvalidWithItsNewReason() {
		IngestClient.Source web = this.client.createSegmentSource("web");
		Response refused = this.client.post("/v1/track", web.writeKey(), "{\"event\": \"Signed Up\"}");
		assertThat(refused.status()).isEqualTo(400);
		long id = awaitOne("source=" + web.id());

		JsonNode results = replay("{\"ids\": [" + id + ", 999999999]}");

		assertThat(results.get(0).get("outcome").asString()).isEqualTo("still-invalid");
		assertThat(results.get(0).get("detail").asString()).isEqualTo("userId or anonymousId is required");
		assertThat(results.get(1).get("outcome").asString()).isEqualTo("not-found");
		JsonNode row = get("/v1/admin/dead-letters/" + id).json();
		assertThat(row.get("replay").get("outcome").asString()).isEqualTo("still-invalid");
		assertThat(row.get("field").asString()).isEqualTo("userId");
	}

	@Test
	void shouldReadAnEventTheContentRulesRefusedAsTheCanonicalEventItHadBecome() {
		IngestClient.Source web = this.client.createSegmentSource("web");
		Response refused = this.client.post("/v1/track", web.writeKey(),
				"{\"userId\": \"u-1\", \"event\": \"Signed Up\", \"properties\": {\"a\\u0000b\": 1}}");
		assertThat(refused.status()).isEqualTo(400);
		long id = awaitOne("source=" + web.id());

		JsonNode results = replay("{\"ids\": [" + id + "]}");

		// Read back as the event it had become, and refused by the same rule, not by the
		// tracking API's reader misreading the canonical shape.
		assertThat(results.get(0).get("outcome").asString()).isEqualTo("still-invalid");
		JsonNode row = get("/v1/admin/dead-letters/" + id).json();
		assertThat(row.get("field").asString()).startsWith("properties");
	}

	@Test
	void shouldReadARefusedWebhookEventAgainThroughItsProvider() {
		JsonNode created = this.client
			.createSource(Map.of("name", "Mail", "kind", "webhook", "provider", "sendgrid", "channel", "email"));
		String sourceId = created.get("id").asString();
		Response posted = this.client.post("/v1/webhooks/sendgrid", created.get("writeKey").asString(),
				"[{\"event\": \"teleported\", \"email\": \"jane@example.com\", \"timestamp\": 1740820366, "
						+ "\"sg_event_id\": \"" + UUID.randomUUID() + "\"}]");
		assertThat(posted.json().get("rejected")).hasSize(1);
		long id = awaitOne("source=" + sourceId);

		JsonNode results = replay("{\"ids\": [" + id + "]}");

		// The element is read as SendGrid posts it, in an array, and refused for its own
		// reason.
		assertThat(results.get(0).get("outcome").asString()).isEqualTo("still-invalid");
		assertThat(results.get(0).get("detail").asString()).contains("teleported");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "cursor=abc|cursor", "cursor=djE6OTk5OTk5OTk5OTk5OTk5OTk5OToy|cursor", "from=yesterday|from",
					"from=%2B1000000000-01-01T00:00:00Z|from", "from=2021-01-01T00:00:00Z&to=2020-01-01T00:00:00Z|to",
					"source=a%00b|source", "stage=%C3%28|stage", "reason=%01|reason", "source=%FF|source",
					"limit=0|limit", "limit=abc|limit", "limit=501|limit", "kind=dead|kind" })
	void shouldAnswerABadListingParameterWith400NamingIt(String query, String parameter) {
		Response response = get("/v1/admin/dead-letters?" + query);

		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("field").asString()).isEqualTo(parameter);
	}

	@ParameterizedTest
	@CsvSource({ "abc", "0", "-1", "99999999999999999999", "1.5" })
	void shouldAnswerABadIdWith400(String id) {
		Response response = get("/v1/admin/dead-letters/" + id);

		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("id");
	}

	@ParameterizedTest
	@CsvSource({ "%00", "%C3%28" })
	void shouldRefuseAnIdThatIsNotTextWith400(String id) {
		// The servlet container refuses these in a path before the service sees them.
		assertThat(get("/v1/admin/dead-letters/" + id).status()).isEqualTo(400);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"ids\": [\"x\"]}|ids[0]", "{\"ids\": [1,2,3,4,5,6]}|ids",
					"{\"filter\": {\"to\": \"+999999999-12-31T23:59:59Z\"}}|filter.to",
					"{\"filter\": {}, \"limit\": 6}|limit" })
	void shouldAnswerABadReplayWith400NamingTheField(String body, String field) {
		Response response = post("/v1/admin/dead-letters/replay", body);

		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}

	@Test
	void shouldAnswerAReplayThatIsNotJsonWith400() {
		assertThat(post("/v1/admin/dead-letters/replay", "{\"ids\": [1").status()).isEqualTo(400);
		assertThat(post("/v1/admin/dead-letters/replay", "").status()).isEqualTo(400);
	}

	@Test
	void shouldRefuseCallersWhoAreNotAdmins() {
		Response response = this.client.send(
				HttpRequest.newBuilder(this.client.uri("/v1/admin/dead-letters")).header("Authorization", "Bearer x"));

		assertThat(response.status()).isEqualTo(401);
	}

	/**
	 * A real consumer whose poll fails with a Kafka error (here its deserializer refuses
	 * the first reads, which the client reports as a RecordDeserializationException): the
	 * writer reports it, waits, polls again from the same offsets and stores everything
	 * once the reads succeed, without counting a restart or storing a letter twice.
	 */
	@Test
	void shouldWaitOutAConsumerThatCannotReadAndStoreEverythingOnceItCan() {
		awaitStored(List.of(send(this.topics.quarantine().name(), null,
				new QuarantinedRecordSerde().serializer()
					.serialize("t",
							new QuarantinedRecord("identity.gather", "processing-failed", "boom",
									this.topics.events().name(), 0, 7, "k".getBytes(StandardCharsets.UTF_8),
									"v".getBytes(StandardCharsets.UTF_8), "src_r", null, Instant.now())))));
		long rows = countRows();
		AtomicInteger refusals = new AtomicInteger(3);
		Deserializer<byte[]> refusingAtFirst = (topic, data) -> {
			if (refusals.getAndDecrement() > 0) {
				throw new SerializationException("not yet");
			}
			return data;
		};
		ConsumerFactory<byte[], byte[]> refusing = new DefaultKafkaConsumerFactory<>(
				this.consumers.getConfigurationProperties(), new ByteArrayDeserializer(), refusingAtFirst);
		SimpleMeterRegistry writerMeters = new SimpleMeterRegistry();
		DeadLetterWriter again = new DeadLetterWriter(this.repository, this.topics, this.settings, writerMeters);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = again.container(refusing,
				"refusing-" + UUID.randomUUID());
		long total = endOffset(this.topics.eventsDeadLetter().name()) + endOffset(this.topics.quarantine().name());

		container.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(again.health().getDetails()).containsEntry("state", "retrying")
					.containsEntry("error", "Kafka: RecordDeserializationException"));
			assertThat(again.health().getStatus().getCode()).isEqualTo("DOWN");

			await().atMost(Duration.ofSeconds(60)).until(() -> again.recordsRead() >= total);
			assertThat(again.health().getStatus().getCode()).isEqualTo("UP");
			assertThat(writerMeters.counter("cdp.deadletters.writer.restarts").count()).isZero();
			assertThat(countRows()).isEqualTo(rows);
		}
		finally {
			container.stop();
		}
	}

	private void readEverythingAgainInAnotherGroup() {
		DeadLetterWriter again = new DeadLetterWriter(this.repository, this.topics, this.settings,
				new SimpleMeterRegistry());
		ConcurrentMessageListenerContainer<byte[], byte[]> container = again.container(this.consumers,
				"again-" + UUID.randomUUID());
		long total = endOffset(this.topics.eventsDeadLetter().name()) + endOffset(this.topics.quarantine().name());
		container.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> again.recordsRead() >= total);
			assertThat(again.health().getStatus().getCode()).isEqualTo("UP");
		}
		finally {
			container.stop();
		}
	}

	private long endOffset(String topic) {
		TopicPartition partition = new TopicPartition(topic, 0);
		return this.events.endOffsets(List.of(partition)).get(partition);
	}

	private long countRows() {
		return this.jdbc.sql("SELECT count(*) FROM ingest.dead_letters").query(Long.class).single();
	}

	private RecordMetadata send(String topic, byte[] key, byte[] value) {
		try {
			return this.producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not produce to " + topic, ex);
		}
	}

	/** Waits until the letters at these places are stored, and returns them in order. */
	private List<DeadLetterView> awaitStored(List<RecordMetadata> places) {
		List<DeadLetterView> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			found.clear();
			for (RecordMetadata place : places) {
				List<Long> ids = this.jdbc
					.sql("SELECT id FROM ingest.dead_letters WHERE letter_topic = ? AND letter_partition = ? "
							+ "AND letter_offset = ?")
					.params(place.topic(), place.partition(), place.offset())
					.query(Long.class)
					.list();
				assertThat(ids).as("letter at %s", place).hasSize(1);
				found.add(DeadLetterView.of(this.repository.findById(ids.get(0)).orElseThrow()));
			}
		});
		return found;
	}

	private long awaitOne(String query) {
		List<Long> ids = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ids.clear();
			get("/v1/admin/dead-letters?" + query).json()
				.get("items")
				.forEach((item) -> ids.add(item.get("id").asLong()));
			assertThat(ids).hasSize(1);
		});
		return ids.get(0);
	}

	private List<String> messageIds(String query) {
		List<String> ids = new ArrayList<>();
		get("/v1/admin/dead-letters?" + query).json()
			.get("items")
			.forEach((item) -> ids.add(item.get("messageId").asString()));
		return ids;
	}

	/** Every record on the events topic with this key, reading to the current end. */
	private List<ConsumerRecord<byte[], byte[]>> eventsWithKey(byte[] key) {
		Map<TopicPartition, Long> ends = this.events.endOffsets(this.events.assignment());
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
			this.events.poll(Duration.ofMillis(100)).forEach(this.seenEvents::add);
			return ends.entrySet().stream().allMatch((end) -> this.events.position(end.getKey()) >= end.getValue());
		});
		return this.seenEvents.stream().filter((record) -> Arrays.equals(record.key(), key)).toList();
	}

	private void fixMapping(String sourceId, String mapping) {
		this.jdbc.sql("UPDATE ingest.sources SET mapping = ?::jsonb WHERE id = ?").params(mapping, sourceId).update();
		this.registry.refresh();
	}

	private JsonNode replay(String body) {
		Response response = post("/v1/admin/dead-letters/replay", body);
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json().get("results");
	}

	private Response get(String path) {
		return this.client.send(HttpRequest.newBuilder(this.client.uri(path))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN));
	}

	private Response post(String path, String body) {
		return this.client.send(HttpRequest.newBuilder(this.client.uri(path))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

}
