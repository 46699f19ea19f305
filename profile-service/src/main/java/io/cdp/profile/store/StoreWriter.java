package io.cdp.profile.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.profile.quarantine.QuarantinedRecords;
import io.cdp.profile.store.ProfileStore.Stamped;
import io.cdp.profile.store.ProfileStore.StoreBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes {@code cdp.profiles.v1}, {@code cdp.profile-events.v1} and
 * {@code cdp.profile-merges.v1} (read-committed, so only what the exactly-once topology
 * committed) and writes each poll as one batch transaction, committing offsets only after
 * the database committed.
 *
 * <p>
 * A failed write is classified ({@link WriteFailures}). When PostgreSQL is away the same
 * batch is retried with growing back-off while the consumer stays in its group (paused,
 * still polling), and readiness reports the writer down; Kafka keeps everything until it
 * catches up. When PostgreSQL refuses rows of the batch for good, the batch is split in
 * halves until the refused records stand alone; those are quarantined (stage
 * {@code store.writer}, reason {@code refused-by-database}) and the rest is written. A
 * record that cannot be read is quarantined too. Offsets are committed only once every
 * record of the poll is written or quarantined.
 *
 * <p>
 * Anything else that escapes (a bug, the quarantine unreachable) does not end the writer:
 * it reports DOWN with the error, closes its consumer and starts over after a back-off
 * from the last committed offsets; the upserts make the records it writes again change
 * nothing.
 */
public final class StoreWriter implements SmartLifecycle, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(StoreWriter.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration PARTITION_CHECK = Duration.ofHours(12);

	private final ConsumerFactory consumers;

	private final ProfileStore store;

	private final TopicCatalog topics;

	private final StoreProperties settings;

	private final Quarantine quarantine;

	private final Timer batchTimer;

	private final MeterRegistry meters;

	private volatile @Nullable Thread worker;

	private volatile boolean running;

	private volatile @Nullable String databaseProblem;

	private volatile @Nullable String crash;

	private volatile boolean joined;

	private volatile @Nullable Consumer<byte[], byte[]> consumer;

	private final AtomicLong recordsWritten = new AtomicLong();

	private final AtomicLong restarts = new AtomicLong();

	/** Creates Kafka consumers for the writer, so that tests can run a second writer. */
	@FunctionalInterface
	public interface ConsumerFactory {

		/**
		 * A consumer of raw records, read-committed, auto-commit off, in the given group.
		 */
		Consumer<byte[], byte[]> create(String groupId);

	}

	/**
	 * Prepares a writer; nothing connects before {@link #start()}.
	 * @param consumers creates its Kafka consumer
	 * @param store the tables
	 * @param topics the topics to read
	 * @param settings group, batch and retry settings
	 * @param quarantine where records that cannot be read or stored go
	 * @param meters where its metrics go
	 */
	StoreWriter(ConsumerFactory consumers, ProfileStore store, TopicCatalog topics, StoreProperties settings,
			Quarantine quarantine, MeterRegistry meters) {
		this.consumers = consumers;
		this.store = store;
		this.topics = topics;
		this.settings = settings;
		this.quarantine = quarantine;
		this.meters = meters;
		this.batchTimer = Timer.builder("cdp.store.batch")
			.description("Time to write one batch to PostgreSQL")
			.publishPercentileHistogram()
			.register(meters);
		QuarantinedRecords.counter(meters, Stages.STORE_WRITER, Reasons.REFUSED_BY_DATABASE);
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::run, "profile-store-writer");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<byte[], byte[]> active = this.consumer;
		if (active != null) {
			active.wakeup();
		}
		Thread thread = this.worker;
		if (thread != null) {
			try {
				thread.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.worker = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** How many records this writer has written since it started. */
	public long recordsWritten() {
		return this.recordsWritten.get();
	}

	@Override
	public Health health() {
		if (!this.running) {
			return Health.down().withDetail("state", "stopped").build();
		}
		String crashed = this.crash;
		if (crashed != null) {
			return Health.down().withDetail("state", "restarting").withDetail("error", crashed).build();
		}
		Thread thread = this.worker;
		if (thread == null || !thread.isAlive()) {
			return Health.down().withDetail("state", "dead").build();
		}
		if (!this.joined) {
			// Not ready before the group gave this instance its partitions: until then,
			// nothing it would be asked for could be written.
			return Health.down().withDetail("state", "joining").build();
		}
		String problem = this.databaseProblem;
		Health.Builder health = (problem == null) ? Health.up()
				: Health.down().withDetail("state", "retrying").withDetail("error", problem);
		if (this.restarts.get() > 0) {
			health.withDetail("restarts", this.restarts.get());
		}
		return health.build();
	}

	private void run() {
		Duration backoff = this.settings.retryBackoff();
		while (this.running) {
			try {
				consume();
			}
			catch (WakeupException ex) {
				// Stopping.
			}
			catch (RuntimeException ex) {
				// Records are quarantined and outages waited out inside the loop; what
				// reaches here is a failure of the loop itself. An Error ends the thread,
				// which health reports as dead.
				if (!this.running) {
					break;
				}
				this.crash = QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500);
				this.restarts.incrementAndGet();
				this.meters.counter("cdp.store.restarts").increment();
				logger.error("The store writer failed; starting over from the last committed offsets in {}", backoff,
						ex);
				pause(backoff);
				backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			}
		}
	}

	private void consume() {
		try (Consumer<byte[], byte[]> active = this.consumers.create(this.settings.groupId());
				KafkaClientMetrics clientMetrics = new KafkaClientMetrics(active)) {
			// The consumer's own metrics, its lag behind the topology above all
			// (kafka.consumer.fetch.manager.records.lag.max).
			clientMetrics.bindTo(this.meters);
			this.consumer = active;
			active.subscribe(List.of(this.topics.profiles().name(), this.topics.profileEvents().name(),
					this.topics.profileMerges().name()), new ConsumerRebalanceListener() {

						@Override
						public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
							StoreWriter.this.joined = true;
						}

						@Override
						public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
						}

					});
			Instant partitionsChecked = Instant.EPOCH;
			while (this.running) {
				if (Duration.between(partitionsChecked, Instant.now()).compareTo(PARTITION_CHECK) > 0) {
					partitionsChecked = createPartitions(active);
				}
				ConsumerRecords<byte[], byte[]> records = active.poll(POLL);
				this.crash = null;
				if (!records.isEmpty()) {
					write(active, records);
					active.commitSync();
				}
			}
		}
		finally {
			this.consumer = null;
		}
	}

	private Instant createPartitions(Consumer<byte[], byte[]> active) {
		attempt(active, () -> {
			int created = this.store.createEventPartitions(Instant.now(), this.settings.partitionMonthsAhead());
			if (created > 0) {
				logger.info("Created {} monthly partition(s) of profile.events", created);
			}
		}, false);
		return Instant.now();
	}

	private void write(Consumer<byte[], byte[]> active, ConsumerRecords<byte[], byte[]> records) {
		List<Incoming> incoming = new ArrayList<>(records.count());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (record.value() == null) {
				continue;
			}
			try {
				incoming.add(new Incoming(record, read(record)));
			}
			catch (RuntimeException ex) {
				// Only the identity topology should write these topics, but anyone can.
				quarantine(record, Reasons.UNREADABLE, ex);
			}
		}
		writeSplitting(active, incoming);
	}

	/**
	 * Writes the records in one transaction; when the database refuses it, writes each
	 * half on its own, down to the single records it refuses, which are quarantined.
	 */
	private void writeSplitting(Consumer<byte[], byte[]> active, List<Incoming> records) {
		if (records.isEmpty()) {
			return;
		}
		StoreBatch batch = batch(records);
		RuntimeException refusal = attempt(active, () -> this.batchTimer.record(() -> this.store.write(batch)), true);
		if (refusal == null) {
			this.meters.counter("cdp.store.records").increment(batch.size());
			this.recordsWritten.addAndGet(batch.size());
			return;
		}
		if (records.size() == 1) {
			quarantine(records.get(0).source(), Reasons.REFUSED_BY_DATABASE, refusal);
			return;
		}
		int half = records.size() / 2;
		writeSplitting(active, records.subList(0, half));
		writeSplitting(active, records.subList(half, records.size()));
	}

	/**
	 * Runs a write until it succeeds or, when {@code refusable}, until the database
	 * refuses it for good. While the database is away the consumer is paused but keeps
	 * polling, so that it is not thrown out of its group during a long outage.
	 * @return the refusal, or null once written
	 */
	private @Nullable RuntimeException attempt(Consumer<byte[], byte[]> active, Runnable write, boolean refusable) {
		Duration backoff = this.settings.retryBackoff();
		while (this.running) {
			try {
				write.run();
				recovered(active);
				return null;
			}
			catch (RuntimeException ex) {
				if (refusable && WriteFailures.isRefusal(ex)) {
					recovered(active);
					return ex;
				}
				String problem = QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500);
				if (this.databaseProblem == null) {
					logger.warn("Cannot write to PostgreSQL, retrying with back-off: {}", problem);
				}
				this.databaseProblem = problem;
				active.pause(active.assignment());
				waitPolling(active, backoff);
				backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			}
		}
		throw new WakeupException();
	}

	private void recovered(Consumer<byte[], byte[]> active) {
		if (this.databaseProblem != null) {
			logger.info("PostgreSQL writes succeed again; the store writer catches up");
			active.resume(active.paused());
			this.databaseProblem = null;
		}
	}

	private void quarantine(ConsumerRecord<byte[], byte[]> record, String reason, Throwable failure) {
		this.quarantine.put(QuarantinedRecords.of(Stages.STORE_WRITER, reason, QuarantinedRecord.describe(failure),
				record.topic(), record.partition(), record.offset(), record.key(), record.value()));
	}

	private static void waitPolling(Consumer<byte[], byte[]> active, Duration wait) {
		Instant until = Instant.now().plus(wait);
		while (Instant.now().isBefore(until)) {
			ConsumerRecords<byte[], byte[]> none = active.poll(POLL);
			if (!none.isEmpty()) {
				throw new IllegalStateException("A paused consumer returned records");
			}
		}
	}

	private void pause(Duration wait) {
		Instant until = Instant.now().plus(wait);
		try {
			while (this.running && Instant.now().isBefore(until)) {
				Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WakeupException();
		}
	}

	private Object read(ConsumerRecord<byte[], byte[]> record) {
		String topic = record.topic();
		if (topic.equals(this.topics.profiles().name())) {
			return new Stamped<>(this.topics.profiles().valueSerde().deserializer().deserialize(topic, record.value()),
					Instant.ofEpochMilli(record.timestamp()));
		}
		if (topic.equals(this.topics.profileEvents().name())) {
			return this.topics.profileEvents().valueSerde().deserializer().deserialize(topic, record.value());
		}
		return this.topics.profileMerges().valueSerde().deserializer().deserialize(topic, record.value());
	}

	@SuppressWarnings("unchecked")
	private static StoreBatch batch(List<Incoming> records) {
		List<Stamped<ProfileState>> profiles = new ArrayList<>();
		List<ProfileEvent> events = new ArrayList<>();
		List<ProfileMerged> merges = new ArrayList<>();
		for (Incoming record : records) {
			switch (record.value()) {
				case Stamped<?> stamped -> profiles.add((Stamped<ProfileState>) stamped);
				case ProfileEvent event -> events.add(event);
				case ProfileMerged merge -> merges.add(merge);
				default -> throw new IllegalStateException("Unexpected record " + record.value().getClass());
			}
		}
		return new StoreBatch(profiles, events, merges);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** Consumer settings of the writer on top of the bootstrap servers. */
	static Map<String, Object> consumerSettings(int maxBatch) {
		return Map.of("isolation.level", "read_committed", "enable.auto.commit", false, "auto.offset.reset", "earliest",
				"max.poll.records", maxBatch);
	}

	/** A record as read from Kafka, with what it holds. */
	private record Incoming(ConsumerRecord<byte[], byte[]> source, Object value) {

	}

}
