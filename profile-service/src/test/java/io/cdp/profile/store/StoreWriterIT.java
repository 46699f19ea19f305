package io.cdp.profile.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.profile.merge.ProfileMerger;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store writer against the real broker and PostgreSQL: records put on the identity
 * topology's output topics end up in the tables, idempotently and in version order,
 * across replays and a database outage.
 */
@SpringBootTest
@RealInfrastructure
class StoreWriterIT {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private StoreWriter writer;

	@Autowired
	private ConsumerFactory<byte[], byte[]> consumers;

	@Autowired
	private ProfileStore store;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Quarantine quarantine;

	@Autowired
	private StoreProperties settings;

	StoreWriterIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	@Test
	void shouldWriteProfilesIdentifiersEventsAndMerges() {
		ProfileState profile = profile("p-write", NOW, 1, Map.of("email:ann@example.com", "web"),
				Map.of("plan", "pro"));
		CustomerEvent event = event("m-write", NOW.minusSeconds(5), "email:ann@example.com");
		sendProfile(profile);
		sendEvent(new ProfileEvent("p-write", event));
		sendMerge(new ProfileMerged("p-write-loser", "p-write", "m-write", NOW));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.merges WHERE loser_id = 'p-write-loser'"))
						.isEqualTo(1));
		assertThat(this.jdbc.sql("SELECT version, traits->'plan'->>'value' FROM profile.profiles WHERE profile_id = ?")
			.param("p-write")
			.query((row, index) -> row.getLong(1) + "/" + row.getString(2))
			.single()).isEqualTo("1/pro");
		assertThat(this.jdbc.sql("SELECT profile_id FROM profile.identifiers WHERE type = 'email' AND value = ?")
			.param("ann@example.com")
			.query(String.class)
			.single()).isEqualTo("p-write");
		assertThat(this.jdbc
			.sql("SELECT tableoid::regclass::text || ' ' || channel FROM profile.events WHERE message_id = 'm-write'")
			.query(String.class)
			.single()).isEqualTo("profile.events_" + month(event.occurredAt()) + " web");
	}

	@Test
	void shouldCompressLargeProfileRowsWithLz4AndKeepRoomOnEachPageForTheNextVersion() {
		Map<String, Object> traits = new TreeMap<>();
		for (int i = 0; i < 200; i++) {
			traits.put("note_" + i, "the customer asked about order " + i + " and its delivery window");
		}
		sendProfile(profile("p-large", NOW, 1, Map.of("user_id:large", "web"), traits));
		sendProfile(profile("p-large", NOW, 2, Map.of("user_id:large", "web"), traits));
		sendProfile(profile("p-large-probe", NOW, 1, Map.of(), Map.of()));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.profiles WHERE profile_id = 'p-large-probe'"))
						.isEqualTo(1));
		assertThat(this.jdbc
			.sql("SELECT version || '/' || (traits->'note_199'->>'value') || '/' || pg_column_compression(traits)"
					+ " FROM profile.profiles WHERE profile_id = ?")
			.param("p-large")
			.query(String.class)
			.single())
			.isEqualTo("2/the customer asked about order 199 and its delivery window/" + fastestCompression());
		assertThat(this.jdbc
			.sql("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'profile.profiles'::regclass")
			.query(String.class)
			.single()).contains("fillfactor=50");
	}

	/** lz4 where the server is built with it, else PostgreSQL's own pglz. */
	private String fastestCompression() {
		return this.jdbc
			.sql("SELECT CASE WHEN 'lz4' = ANY (enumvals) THEN 'lz4' ELSE 'pglz' END FROM pg_settings"
					+ " WHERE name = 'default_toast_compression'")
			.query(String.class)
			.single();
	}

	@Test
	void shouldNeverLetAnOlderVersionOverwriteANewerOne() {
		sendProfile(profile("p-versions", NOW, 3, Map.of("user_id:v", "web"), Map.of("plan", "gold")));
		sendProfile(profile("p-versions", NOW, 2, Map.of("user_id:v", "web"), Map.of("plan", "silver")));
		sendProfile(profile("p-versions-probe", NOW, 1, Map.of(), Map.of()));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM profile.profiles WHERE profile_id = 'p-versions-probe'"))
				.isEqualTo(1));
		assertThat(this.jdbc
			.sql("SELECT version || '/' || (traits->'plan'->>'value') FROM profile.profiles WHERE profile_id = ?")
			.param("p-versions")
			.query(String.class)
			.single()).isEqualTo("3/gold");
	}

	@Test
	void shouldKeepAnExperienceRowForActiveProfilesOnly() {
		ProfileState active = profile("p-experience", NOW, 1, Map.of("user_id:exp", "web"), Map.of());
		sendProfile(active);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM profile.experience WHERE profile_id = 'p-experience' AND version = 1"))
				.isEqualTo(1));

		sendProfile(ProfileMerger.mergedInto(active, new ProfileRef("p-experience-survivor", NOW.minusSeconds(60))));
		// A replay of the active state, older than the merge, changes nothing.
		sendProfile(active);
		sendProfile(profile("p-experience-probe", NOW, 1, Map.of(), Map.of()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM profile.experience WHERE profile_id = 'p-experience-probe'"))
				.isEqualTo(1));
		assertThat(count("SELECT count(*) FROM profile.experience WHERE profile_id = 'p-experience'")).isZero();
		assertThat(this.jdbc.sql("SELECT version || '/' || merged_into FROM profile.profiles WHERE profile_id = ?")
			.param("p-experience")
			.query(String.class)
			.single()).isEqualTo("2/p-experience-survivor");
	}

	@Test
	void shouldHandBackTheQueuesEmptiedPagesAndVacuumTheBusyTables(@Autowired JdbcTemplate template) {
		this.jdbc
			.sql("INSERT INTO profile.computed_trait_changes (profile_id)"
					+ " SELECT 'p-vacuum-' || i FROM generate_series(1, 50000) i")
			.update();
		this.jdbc.sql("DELETE FROM profile.computed_trait_changes WHERE profile_id LIKE 'p-vacuum-%'").update();
		long bloated = size("profile.computed_trait_changes");
		assertThat(bloated).as("50,000 deleted rows still take their pages").isGreaterThan(1_000_000);
		TableVacuum vacuum = new TableVacuum(template,
				new VacuumProperties(Duration.ofSeconds(30), Duration.ofMinutes(5), VacuumProperties.Mode.ALWAYS),
				this.meters);

		vacuum.vacuumQueues();

		assertThat(size("profile.computed_trait_changes")).isLessThan(bloated / 10);
		assertThat(this.meters.get("cdp.store.vacuum").tag("tables", "queues").timer().count()).isPositive();

		vacuum.vacuumTables();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT count(*) FROM pg_stat_user_tables"
						+ " WHERE schemaname = 'profile' AND relname = ANY(?) AND last_vacuum IS NOT NULL"
						+ " AND last_analyze IS NOT NULL")
				.param(TableVacuum.BUSY.stream()
					.map((table) -> table.substring("profile.".length()))
					.toArray(String[]::new))
				.query(Long.class)
				.single()).isEqualTo(TableVacuum.BUSY.size()));
	}

	private long size(String table) {
		return this.jdbc.sql("SELECT pg_relation_size(CAST(? AS regclass))").param(table).query(Long.class).single();
	}

	@Test
	void shouldMoveAnIdentifierOnlyToAnOlderProfile() {
		sendProfile(profile("p-newer", NOW, 1, Map.of("email:shared@example.com", "web"), Map.of()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(owner("shared@example.com")).isEqualTo("p-newer"));
		sendProfile(profile("p-older", NOW.minusSeconds(60), 1, Map.of("email:shared@example.com", "email"), Map.of()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(owner("shared@example.com")).isEqualTo("p-older"));

		sendProfile(profile("p-newer", NOW, 2, Map.of("email:shared@example.com", "web"), Map.of()));
		sendProfile(profile("p-newer-probe", NOW, 1, Map.of(), Map.of()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.profiles WHERE profile_id = 'p-newer-probe'"))
						.isEqualTo(1));
		assertThat(owner("shared@example.com")).isEqualTo("p-older");
	}

	/**
	 * A merge puts the survivor and the merged profile, both still naming the identifier,
	 * into one batch; PostgreSQL refuses one upsert statement that touches a row twice.
	 */
	@Test
	void shouldWriteABatchInWhichTwoProfilesNameTheSameIdentifier() {
		ProfileState newer = profile("p-batch-newer", NOW, 4, Map.of("email:batch@example.com", "web"), Map.of());
		ProfileState older = profile("p-batch-older", NOW.minusSeconds(60), 2,
				Map.of("email:batch@example.com", "email"), Map.of());

		this.store.write(new ProfileStore.StoreBatch(
				List.of(new ProfileStore.Stamped<>(newer, NOW), new ProfileStore.Stamped<>(older, NOW)), List.of(),
				List.of()));

		assertThat(owner("batch@example.com")).isEqualTo("p-batch-older");
		assertThat(count("SELECT count(*) FROM profile.profiles WHERE profile_id LIKE 'p-batch-%'")).isEqualTo(2);
	}

	/**
	 * A profile's new state holds all its identifiers: only those that changed are sent
	 * again, and the table ends as if all had been.
	 */
	@Test
	void shouldWriteOnlyTheIdentifiersANewStateChanged() {
		ProfileState first = profile("p-unchanged", NOW, 1,
				Map.of("email:kept@example.com", "web", "phone:+14155550123", "web"), Map.of());
		this.store
			.write(new ProfileStore.StoreBatch(List.of(new ProfileStore.Stamped<>(first, NOW)), List.of(), List.of()));
		Map<String, IdentifierRecord> identifiers = new java.util.HashMap<>(first.identifiers());
		IdentifierRecord phone = identifiers.get("phone:+14155550123");
		identifiers.put("phone:+14155550123", new IdentifierRecord(phone.type(), phone.value(), phone.firstSeen(),
				NOW.plusSeconds(60), Set.of("source-web", "source-support")));
		ProfileState second = new ProfileState(first.profileId(), first.createdAt(), 2, null, identifiers,
				first.traits(), first.firstSeen(), NOW.plusSeconds(60), 2, Map.of("web", 2L), Map.of("identify", 2L),
				Set.of());
		double unchanged = this.meters.counter("cdp.store.identifiers.unchanged").count();

		this.store
			.write(new ProfileStore.StoreBatch(List.of(new ProfileStore.Stamped<>(second, NOW)), List.of(), List.of()));

		assertThat(this.meters.counter("cdp.store.identifiers.unchanged").count() - unchanged).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT type || '/' || profile_id || '/' || (last_seen = ?) || '/' || array_to_string(sources, ',')"
					+ " FROM profile.identifiers WHERE profile_id = 'p-unchanged' ORDER BY type")
			.param(java.sql.Timestamp.from(NOW.plusSeconds(60)))
			.query(String.class)
			.list())
			.containsExactly("email/p-unchanged/false/source-web", "phone/p-unchanged/true/source-support,source-web");
	}

	/**
	 * The writer's consumers write at the same time: batches whose profiles name the same
	 * identifiers, each batch's rows in a random order, all written at once from several
	 * threads. Every batch must commit (row locks taken in key order, so no deadlock),
	 * and every identifier must end on the oldest profile that named it.
	 */
	@Test
	void shouldWriteConcurrentBatchesThatNameTheSameIdentifiersWithoutDeadlock() throws Exception {
		java.util.Random random = new java.util.Random(NOW.toEpochMilli());
		List<String> emails = java.util.stream.IntStream.range(0, 40)
			.mapToObj((i) -> "email:concurrent-" + i + "@example.com")
			.toList();
		List<List<ProfileStore.Stamped<ProfileState>>> batches = new java.util.ArrayList<>();
		Map<String, ProfileState> oldestByEmail = new java.util.HashMap<>();
		for (int b = 0; b < 48; b++) {
			List<ProfileStore.Stamped<ProfileState>> batch = new java.util.ArrayList<>();
			for (int p = 0; p < 25; p++) {
				Map<String, String> named = new java.util.HashMap<>();
				for (int i = 0; i < 3; i++) {
					named.put(emails.get(random.nextInt(emails.size())), "web");
				}
				ProfileState profile = profile("p-concurrent-" + b + "-" + p, NOW.minusSeconds(random.nextInt(100_000)),
						1, named, Map.of());
				batch.add(new ProfileStore.Stamped<>(profile, NOW));
				named.keySet()
					.forEach((email) -> oldestByEmail.merge(email, profile,
							(a, c) -> (c.ref().isOlderThan(a.ref())) ? c : a));
			}
			java.util.Collections.shuffle(batch, random);
			batches.add(batch);
		}

		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<?>> writes = batches
				.stream().<java.util.concurrent.Future<?>>map((batch) -> threads.submit(() -> {
					start.await();
					this.store.write(new ProfileStore.StoreBatch(batch, List.of(), List.of()));
					return null;
				}))
				.toList();
			start.countDown();
			for (java.util.concurrent.Future<?> write : writes) {
				write.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		oldestByEmail.forEach((key, profile) -> assertThat(owner(Identifier.parse(key).value())).as(key)
			.isEqualTo(profile.profileId()));
		assertThat(count("SELECT count(*) FROM profile.profiles WHERE profile_id LIKE 'p-concurrent-%'"))
			.isEqualTo(48 * 25);
	}

	@Test
	void shouldLeaveTheTablesIdenticalWhenTheTopicsAreReplayedFromTheStart() {
		sendProfile(profile("p-replay", NOW, 1, Map.of("phone:+14155550199", "support"), Map.of("tier", "a")));
		sendProfile(profile("p-replay", NOW, 2, Map.of("phone:+14155550199", "support"), Map.of("tier", "b")));
		sendEvent(new ProfileEvent("p-replay", event("m-replay-1", NOW, "phone:+14155550199")));
		sendEvent(new ProfileEvent("p-replay", event("m-replay-1", NOW, "phone:+14155550199")));
		sendMerge(new ProfileMerged("p-replay-loser", "p-replay", "m-replay-1", NOW));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.merges WHERE loser_id = 'p-replay-loser'"))
						.isEqualTo(1));
		String before = snapshot();
		long records = this.writer.recordsWritten();

		StoreProperties replaySettings = new StoreProperties("replay-" + NOW.toEpochMilli(), 2, 7,
				Duration.ofMillis(100), Duration.ofSeconds(1), 3);
		StoreWriter replay = new StoreWriter(this.store, this.kafka.topics(), replaySettings, this.quarantine,
				new SimpleMeterRegistry());
		ConcurrentMessageListenerContainer<byte[], byte[]> container = replay.container(this.consumers,
				replaySettings.groupId());
		container.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> replay.recordsWritten() >= records);
		}
		finally {
			container.stop();
		}

		assertThat(snapshot()).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM profile.events WHERE message_id = 'm-replay-1'")).isEqualTo(1);
	}

	@Test
	void shouldRetryWhileTheDatabaseRefusesWritesAndCatchUpWithoutLoss() {
		this.jdbc.sql("ALTER TABLE profile.merges RENAME TO merges_unavailable").update();
		try {
			sendMerge(new ProfileMerged("p-outage-loser", "p-outage", "m-outage", NOW));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.writer.health().getStatus().getCode()).isEqualTo("DOWN"));
		}
		finally {
			this.jdbc.sql("ALTER TABLE profile.merges_unavailable RENAME TO merges").update();
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.merges WHERE loser_id = 'p-outage-loser'"))
						.isEqualTo(1));
		assertThat(this.writer.health().getStatus().getCode()).isEqualTo("UP");
	}

	@Test
	void shouldQuarantineTheRecordsPostgresqlRefusesAndWriteTheRestOfTheBatch() throws Exception {
		Serializer<ProfileEvent> events = this.kafka.topics().profileEvents().valueSerde().serializer();
		RecordMetadata nul = sendAt(this.kafka.topics().profileEvents().name(), "p-refused", events.serialize("",
				new ProfileEvent("p-refused", eventWith("m-refused-nul", NOW, Map.of("note", "a\u0000b")))));
		RecordMetadata ancient = sendAt(this.kafka.topics().profileEvents().name(), "p-refused",
				events.serialize("", new ProfileEvent("p-refused",
						event("m-refused-ancient", Instant.parse("-5000-01-01T00:00:00Z"), "email:a@example.com"))));
		RecordMetadata beyond = sendAt(this.kafka.topics().profileEvents().name(), "p-refused", events
			.serialize("", new ProfileEvent("p-refused",
					event("m-refused-beyond", Instant.parse("+1000000000-01-01T00:00:00Z"), "email:a@example.com"))));
		RecordMetadata nulIdentifier = sendAt(this.kafka.topics().profiles().name(), "p-refused-nul",
				this.kafka.topics()
					.profiles()
					.valueSerde()
					.serializer()
					.serialize("", profile("p-refused-nul", NOW, 1, Map.of("user_id:nul\u0000", "web"), Map.of())));
		RecordMetadata unreadable = sendAt(this.kafka.topics().profileMerges().name(), "p-refused", new byte[] { 1 });
		sendEvent(new ProfileEvent("p-refused-good", event("m-refused-good", NOW, "email:good@example.com")));
		sendMerge(new ProfileMerged("p-refused-loser", "p-refused-good", "m-refused-good", NOW));

		// The merge and the good event sit on different topics, so either may be written
		// first: wait for both.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM profile.merges WHERE loser_id = 'p-refused-loser'")).isEqualTo(1);
			assertThat(count("SELECT count(*) FROM profile.events WHERE message_id = 'm-refused-good'")).isEqualTo(1);
		});
		assertThat(count("SELECT count(*) FROM profile.events WHERE message_id LIKE 'm-refused-%'")).isEqualTo(1);
		List<QuarantinedRecord> quarantined = quarantined(5);
		assertThat(quarantined).allSatisfy((record) -> assertThat(record.stage()).isEqualTo("store.writer"));
		assertQuarantined(quarantined, nul, "refused-by-database");
		assertQuarantined(quarantined, ancient, "refused-by-database");
		assertQuarantined(quarantined, beyond, "refused-by-database");
		assertQuarantined(quarantined, nulIdentifier, "refused-by-database");
		assertQuarantined(quarantined, unreadable, "unreadable");
		assertThat(quarantined).filteredOn((record) -> "m-refused-nul".equals(record.messageId())).isNotEmpty();
		assertThat(this.writer.health().getStatus().getCode()).isEqualTo("UP");
	}

	/**
	 * What a PostgreSQL restart looks like to the writer: every connection dropped
	 * (57P01) and new ones refused for a while. The writer waits, reports DOWN, and
	 * catches up.
	 */
	@Test
	void shouldWaitOutADatabaseThatDropsAndRefusesConnections(TestDatabase database) throws Exception {
		// From the maintenance database: a database cannot refuse its own connections.
		String maintenance = database.jdbcUrl().replaceFirst("/" + database.name() + "(?=$|\\?)", "/postgres");
		try (Connection admin = DriverManager.getConnection(maintenance, database.username(), database.password());
				Statement statement = admin.createStatement()) {
			statement.execute("ALTER DATABASE \"" + database.name() + "\" ALLOW_CONNECTIONS false");
			try {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
						+ database.name() + "'");
				sendMerge(new ProfileMerged("p-away-loser", "p-away", "m-away", NOW));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(this.writer.health().getStatus().getCode()).isEqualTo("DOWN"));
				assertThat(this.writer.health().getDetails()).containsEntry("state", "retrying");
			}
			finally {
				statement.execute("ALTER DATABASE \"" + database.name() + "\" ALLOW_CONNECTIONS true");
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM profile.merges WHERE loser_id = 'p-away-loser'"))
						.isEqualTo(1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.writer.health().getStatus().getCode()).isEqualTo("UP"));
	}

	/**
	 * A failure outside the database (here: the quarantine unreachable once) is reported
	 * and survived: the batch starts over after the back-off.
	 */
	@Test
	void shouldReportDownAndStartOverWhenTheWriterFails() throws Exception {
		java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		StoreProperties flakySettings = new StoreProperties("flaky-" + NOW.toEpochMilli(), 1, 100,
				Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
		StoreWriter flaky = new StoreWriter(this.store, this.kafka.topics(), flakySettings, (record) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("no quarantine today");
			}
			this.quarantine.put(record);
		}, meters);
		sendAt(this.kafka.topics().profileMerges().name(), "p-flaky", new byte[] { 2 });
		ConcurrentMessageListenerContainer<byte[], byte[]> container = flaky.container(this.consumers,
				flakySettings.groupId());
		container.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(flaky.health().getDetails()).containsEntry("state", "restarting")
					.containsEntry("error", "IllegalStateException: no quarantine today"));
			assertThat(flaky.health().getStatus().getCode()).isEqualTo("DOWN");
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(flaky.health().getStatus().getCode()).isEqualTo("UP"));
			assertThat(flaky.health().getDetails()).containsEntry("restarts", 1L);
			assertThat(meters.counter("cdp.store.restarts").count()).isEqualTo(1.0);
		}
		finally {
			container.stop();
		}
	}

	private void assertQuarantined(List<QuarantinedRecord> quarantined, RecordMetadata where, String reason) {
		assertThat(quarantined).as("quarantined %s", where).anySatisfy((record) -> {
			assertThat(record.topic()).isEqualTo(where.topic());
			assertThat(record.partition()).isEqualTo(where.partition());
			assertThat(record.offset()).isEqualTo(where.offset());
			assertThat(record.reason()).isEqualTo(reason);
			assertThat(record.value()).isNotEmpty();
		});
	}

	private List<QuarantinedRecord> quarantined(int atLeast) {
		List<QuarantinedRecord> records = new java.util.ArrayList<>();
		try (KafkaConsumer<byte[], QuarantinedRecord> consumer = new KafkaConsumer<>(this.kafka.consumerProperties(),
				new ByteArrayDeserializer(), this.kafka.topics().quarantine().valueSerde().deserializer())) {
			consumer.subscribe(List.of(this.kafka.topics().quarantine().name()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> records.add(record.value()));
				assertThat(records).hasSizeGreaterThanOrEqualTo(atLeast);
			});
		}
		return records;
	}

	private RecordMetadata sendAt(String topic, String key, byte[] value) throws Exception {
		return this.producer.send(new ProducerRecord<>(topic, key, value)).get();
	}

	@Test
	void shouldCreateTheMonthlyEventPartitionsAhead() {
		List<String> partitions = this.jdbc
			.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
					+ "WHERE i.inhparent = 'profile.events'::regclass")
			.query(String.class)
			.list();

		Instant month = NOW;
		for (int ahead = 0; ahead <= this.settings.partitionMonthsAhead(); ahead++) {
			assertThat(partitions).contains("events_" + month(month));
			month = month.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
		}
		assertThat(partitions).contains("events_default");
		assertThat(this.store.createEventPartitions(NOW, this.settings.partitionMonthsAhead())).isZero();
	}

	private String snapshot() {
		return String.join("\n",
				this.jdbc.sql("SELECT p::text FROM profile.profiles p ORDER BY profile_id").query(String.class).list())
				+ String.join("\n",
						this.jdbc.sql("SELECT i::text FROM profile.identifiers i ORDER BY type, value")
							.query(String.class)
							.list())
				+ String.join("\n",
						this.jdbc.sql("SELECT e::text FROM profile.events e ORDER BY message_id")
							.query(String.class)
							.list())
				+ String.join("\n",
						this.jdbc.sql("SELECT m::text FROM profile.merges m ORDER BY loser_id")
							.query(String.class)
							.list());
	}

	private String owner(String email) {
		return this.jdbc.sql("SELECT profile_id FROM profile.identifiers WHERE type = 'email' AND value = ?")
			.param(email)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private void sendProfile(ProfileState profile) {
		send(this.kafka.topics().profiles().name(), profile.profileId(),
				this.kafka.topics().profiles().valueSerde().serializer().serialize("", profile));
	}

	private void sendEvent(ProfileEvent event) {
		send(this.kafka.topics().profileEvents().name(), event.profileId(),
				this.kafka.topics().profileEvents().valueSerde().serializer().serialize("", event));
	}

	private void sendMerge(ProfileMerged merge) {
		send(this.kafka.topics().profileMerges().name(), merge.loserId(),
				this.kafka.topics().profileMerges().valueSerde().serializer().serialize("", merge));
	}

	private void send(String topic, String key, byte[] value) {
		this.producer.send(new ProducerRecord<>(topic, key, value));
		this.producer.flush();
	}

	private static ProfileState profile(String id, Instant createdAt, long version, Map<String, String> identifiers,
			Map<String, Object> traits) {
		Map<String, IdentifierRecord> records = new java.util.HashMap<>();
		identifiers.forEach((key, source) -> {
			Identifier identifier = Identifier.parse(key);
			records.put(key, new IdentifierRecord(identifier.type().name(), identifier.value(), createdAt, NOW,
					Set.of("source-" + source)));
		});
		Map<String, TraitValue> traitValues = new java.util.HashMap<>();
		traits.forEach((name, value) -> traitValues.put(name, new TraitValue(value, "source-web", NOW, "m-" + id)));
		return new ProfileState(id, createdAt, version, null, records, traitValues, createdAt, NOW, version,
				Map.of("web", version), Map.of("identify", version), Set.of());
	}

	private static CustomerEvent eventWith(String messageId, Instant occurredAt, Map<String, Object> properties) {
		return CustomerEvent.builder()
			.messageId(messageId)
			.type(EventType.TRACK)
			.name("Order Completed")
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse("email:props@example.com"))
			.properties(properties)
			.occurredAt(occurredAt)
			.receivedAt(NOW)
			.build();
	}

	private static CustomerEvent event(String messageId, Instant occurredAt, String identifier) {
		return CustomerEvent.builder()
			.messageId(messageId)
			.type(EventType.TRACK)
			.name("Order Completed")
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse(identifier))
			.properties(Map.of("total", 42))
			.occurredAt(occurredAt)
			.receivedAt(occurredAt)
			.build();
	}

	private static String month(Instant instant) {
		return DateTimeFormatter.ofPattern("yyyy_MM").withZone(ZoneOffset.UTC).format(instant);
	}

}
