package io.cdp.profile.quarantine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.ProfileApplication;
import io.cdp.profile.identity.IdentityStreams;
import io.cdp.profile.store.StoreWriter;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on the real broker and PostgreSQL: records that once stopped identity resolution
 * or the store writer are written raw, bypassing ingest, between good events, onto the
 * events topic, each internal topic, the store writer's topics and a store's changelog.
 * Every good event is resolved and stored, every poison is repaired (and stored) or on
 * the quarantine topic with its stage, reason and coordinates, and both the topology and
 * the writer stay ready. One application and one stream for all of them, to keep the run
 * short.
 */
@RealInfrastructure
class PoisonIT {

	private static final byte[] GARBAGE = { '{', 'x', (byte) 0xff, (byte) 0xfe, 0, '"' };

	private final List<String> goodMessageIds = new ArrayList<>();

	private final List<Expected> expected = new ArrayList<>();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private int sequence;

	@Test
	void shouldStoreTheGoodEventsAroundEveryPoisonAndQuarantineThePoison(TestKafka kafka, TestDatabase database,
			@TempDir Path stateDir) throws Exception {
		TopicCatalog topics = kafka.topics();
		String applicationId = kafka.topicPrefix() + ".cdp-profile-identity";
		String changelog = applicationId + "-profiles-changelog";
		String lookups = kafka.topicPrefix() + ".cdp.identity.lookups.v1";
		String replies = kafka.topicPrefix() + ".cdp.identity.replies.v1";
		String commands = kafka.topicPrefix() + ".cdp.profile.commands.v1";
		try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
			// State that cannot be read, restored from the changelog before the topology
			// starts, at the profile a later event will be applied to.
			createCompacted(kafka, changelog);
			CustomerEvent onCorruptState = good();
			RecordMetadata corruptState = send(producer, changelog, proposedProfileId(onCorruptState), GARBAGE);
			// The offset of the corrupt value in the changelog is not known to the
			// processor that reads it from the store.
			this.expected.add(new Expected("identity.profile", "unreadable-state", changelog, corruptState.partition(),
					-1, null));

			try (ConfigurableApplicationContext app = start(kafka, database, stateDir)) {
				IdentityStreams streams = app.getBean(IdentityStreams.class);
				StoreWriter writer = app.getBean(StoreWriter.class);
				JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
				await().atMost(Duration.ofSeconds(90))
					.until(() -> isUp(streams.health().getStatus().getCode())
							&& isUp(writer.health().getStatus().getCode()));

				sendEvent(producer, topics, good());
				sendEvent(producer, topics, onCorruptState);
				this.goodMessageIds.add(onCorruptState.messageId());

				// Repaired, then resolved and stored: a lone surrogate in an identifier
				// and in a trait name.
				CustomerEvent surrogateId = builder("user_id:ann\uD800-" + this.run).build();
				sendEvent(producer, topics, surrogateId);
				this.goodMessageIds.add(surrogateId.messageId());
				CustomerEvent surrogateTrait = builder("email:trait-" + this.run + "@example.com")
					.type(EventType.IDENTIFY)
					.name(null)
					.traits(Map.of("na\uD800me", "Ann"))
					.build();
				sendEvent(producer, topics, surrogateTrait);
				this.goodMessageIds.add(surrogateTrait.messageId());
				sendEvent(producer, topics, good());

				// Resolved, and refused by PostgreSQL: a NUL, an instant beyond its
				// range.
				CustomerEvent nul = builder("email:nul-" + this.run + "@example.com")
					.properties(Map.of("note", "a\u0000b"))
					.build();
				sendEvent(producer, topics, nul);
				this.expected.add(Expected.refused(topics.profileEvents().name(), nul.messageId()));
				sendEvent(producer, topics, good());
				CustomerEvent farFuture = builder("email:far-" + this.run + "@example.com")
					.occurredAt(Instant.parse("+1000000000-01-01T00:00:00Z"))
					.build();
				sendEvent(producer, topics, farFuture);
				this.expected.add(Expected.refused(topics.profileEvents().name(), farFuture.messageId()));
				CustomerEvent year9999 = builder("email:y9999-" + this.run + "@example.com")
					.occurredAt(Instant.parse("9999-12-31T23:59:59Z"))
					.build();
				sendEvent(producer, topics, year9999);
				this.goodMessageIds.add(year9999.messageId());
				sendEvent(producer, topics, good());

				// Too large once the topology wraps it, and nested as deep as the
				// contract reads.
				CustomerEvent oversize = builder("email:big-" + this.run + "@example.com")
					.properties(Map.of("blob", "x".repeat(1_010_000)))
					.build();
				this.expected.add(Expected.at("identity.gather", "too-large", topics.events().name(),
						sendEvent(producer, topics, oversize)));
				sendEvent(producer, topics, good());
				CustomerEvent deep = builder("email:deep-" + this.run + "@example.com").properties(nested(490)).build();
				sendEvent(producer, topics, deep);
				this.goodMessageIds.add(deep.messageId());
				sendEvent(producer, topics, good());

				// Corrupt records straight onto every topic the topology and the writer
				// read.
				expectUnreadable(producer, "identity.gather", topics.events().name(), "m-garbage");
				sendEvent(producer, topics, good());
				expectUnreadable(producer, "identity.identifier", lookups, "email:garbage@example.com");
				sendEvent(producer, topics, good());
				expectUnreadable(producer, "identity.gather", replies, "m-garbage");
				sendEvent(producer, topics, good());
				expectUnreadable(producer, "identity.profile", commands, "p-garbage");
				sendEvent(producer, topics, good());
				expectUnreadable(producer, "store.writer", topics.profiles().name(), "p-garbage");
				expectUnreadable(producer, "store.writer", topics.profileEvents().name(), "p-garbage");
				expectUnreadable(producer, "store.writer", topics.profileMerges().name(), "p-garbage");
				sendEvent(producer, topics, good());

				List<QuarantinedRecord> quarantined = new ArrayList<>();
				try (KafkaConsumer<byte[], QuarantinedRecord> consumer = new KafkaConsumer<>(kafka.consumerProperties(),
						new ByteArrayDeserializer(), topics.quarantine().valueSerde().deserializer())) {
					consumer.subscribe(List.of(topics.quarantine().name()));
					await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
						consumer.poll(Duration.ofMillis(200)).forEach((record) -> quarantined.add(record.value()));
						assertThat(stored(jdbc)).as("good events stored").containsAll(this.goodMessageIds);
						for (Expected expectation : this.expected) {
							assertThat(quarantined).as(expectation.toString()).anySatisfy(expectation::matches);
						}
					});
				}
				assertThat(identifierValues(jdbc)).contains("ann\uFFFD-" + this.run);
				assertThat(quarantined).noneSatisfy((record) -> assertThat(record.messageId())
					.isIn(surrogateId.messageId(), surrogateTrait.messageId(), year9999.messageId(), deep.messageId()));
				assertThat(streams.health().getStatus().getCode()).isEqualTo("UP");
				assertThat(writer.health().getStatus().getCode()).isEqualTo("UP");
				assertThat(app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
					.counter("cdp.quarantine", "stage", "store.writer", "reason", "refused-by-database")
					.count()).isGreaterThanOrEqualTo(2);
			}
		}
	}

	private void expectUnreadable(KafkaProducer<byte[], byte[]> producer, String stage, String topic, String key)
			throws Exception {
		this.expected.add(Expected.at(stage, "unreadable", topic, send(producer, topic, key, GARBAGE)));
	}

	private CustomerEvent good() {
		CustomerEvent event = builder("email:good-" + this.run + "-" + (this.sequence + 1) + "@example.com").build();
		this.goodMessageIds.add(event.messageId());
		return event;
	}

	private CustomerEventBuilder builder(String identifier) {
		this.sequence++;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return CustomerEvent.builder()
			.messageId("m-" + this.run + "-" + this.sequence)
			.type(EventType.TRACK)
			.name("Poison Test")
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse(identifier))
			.occurredAt(now)
			.receivedAt(now);
	}

	private static Map<String, Object> nested(int depth) {
		Map<String, Object> root = new HashMap<>();
		Map<String, Object> inner = root;
		for (int level = 0; level < depth; level++) {
			Map<String, Object> next = new HashMap<>();
			inner.put("a", next);
			inner = next;
		}
		return root;
	}

	/** The profile id the gather step proposes for an event whose identifiers are new. */
	private static String proposedProfileId(CustomerEvent event) {
		return UUID.nameUUIDFromBytes(("profile:" + event.messageId()).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static RecordMetadata sendEvent(KafkaProducer<byte[], byte[]> producer, TopicCatalog topics,
			CustomerEvent event) throws Exception {
		return send(producer, topics.events().name(), event.messageId(),
				topics.events().valueSerde().serializer().serialize("", event));
	}

	private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
			throws InterruptedException, ExecutionException {
		return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
	}

	private static KafkaProducer<byte[], byte[]> producer(TestKafka kafka) {
		Map<String, Object> settings = new HashMap<>(kafka.producerProperties());
		settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
		return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static void createCompacted(TestKafka kafka, String name) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(name, TopicCatalog.DEFAULT_PARTITIONS, (short) 1)
				.configs(Map.of("cleanup.policy", "compact")))).all().get();
		}
	}

	private static ConfigurableApplicationContext start(TestKafka kafka, TestDatabase database, Path stateDir) {
		return new SpringApplicationBuilder(ProfileApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--cdp.topics.prefix=" + kafka.topicPrefix(), "--cdp.identity.state-dir=" + stateDir,
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
	}

	private static boolean isUp(String status) {
		return "UP".equals(status);
	}

	private static List<String> stored(JdbcClient jdbc) {
		return jdbc.sql("SELECT message_id FROM profile.events").query(String.class).list();
	}

	private static List<String> identifierValues(JdbcClient jdbc) {
		return jdbc.sql("SELECT value FROM profile.identifiers").query(String.class).list();
	}

	/** A quarantined record the test waits for. */
	private record Expected(String stage, String reason, String topic, int partition, long offset, String messageId) {

		static Expected at(String stage, String reason, String topic, RecordMetadata where) {
			return new Expected(stage, reason, topic, where.partition(), where.offset(), null);
		}

		static Expected refused(String topic, String messageId) {
			return new Expected("store.writer", "refused-by-database", topic, -1, -1, messageId);
		}

		void matches(QuarantinedRecord record) {
			assertThat(record.stage()).isEqualTo(this.stage);
			assertThat(record.reason()).isEqualTo(this.reason);
			assertThat(record.topic()).isEqualTo(this.topic);
			if (this.messageId != null) {
				assertThat(record.messageId()).isEqualTo(this.messageId);
				assertThat(record.offset()).isNotNegative();
				assertThat(record.value()).isNotEmpty();
			}
			else {
				assertThat(record.partition()).isEqualTo(this.partition);
				assertThat(record.offset()).isEqualTo(this.offset);
			}
		}

	}

}
