package io.cdp.profile.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.identity.IdentitySerdes;
import io.cdp.profile.merge.ProfileEvent;
import io.cdp.profile.merge.ProfileMerged;
import io.cdp.profile.merge.ProfileState;
import io.cdp.profile.store.ProfileStore.Stamped;
import io.cdp.profile.store.ProfileStore.StoreBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Consumes {@code cdp.profiles.v1}, {@code cdp.profile-events.v1} and
 * {@code cdp.profile-merges.v1} (read-committed, so only what the exactly-once topology
 * committed) and writes each poll as one batch transaction, committing offsets only after
 * the database committed. When PostgreSQL is unavailable the same batch is retried with
 * growing back-off while the consumer stays in its group (paused, still polling), and
 * readiness reports the writer down; Kafka keeps everything until it catches up.
 */
public final class StoreWriter implements SmartLifecycle, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(StoreWriter.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration PARTITION_CHECK = Duration.ofHours(12);

	private final ConsumerFactory consumers;

	private final ProfileStore store;

	private final TopicCatalog topics;

	private final StoreProperties settings;

	private final Timer batchTimer;

	private final MeterRegistry meters;

	private volatile @Nullable Thread worker;

	private volatile boolean running;

	private volatile @Nullable String failure;

	private volatile boolean joined;

	private volatile @Nullable Consumer<String, byte[]> consumer;

	private final AtomicLong recordsWritten = new AtomicLong();

	/** Creates Kafka consumers for the writer, so that tests can run a second writer. */
	@FunctionalInterface
	public interface ConsumerFactory {

		/**
		 * A consumer of raw records, read-committed, auto-commit off, in the given group.
		 */
		Consumer<String, byte[]> create(String groupId);

	}

	/**
	 * Prepares a writer; nothing connects before {@link #start()}.
	 * @param consumers creates its Kafka consumer
	 * @param store the tables
	 * @param topics the topics to read
	 * @param settings group, batch and retry settings
	 * @param meters where its metrics go
	 */
	StoreWriter(ConsumerFactory consumers, ProfileStore store, TopicCatalog topics, StoreProperties settings,
			MeterRegistry meters) {
		this.consumers = consumers;
		this.store = store;
		this.topics = topics;
		this.settings = settings;
		this.meters = meters;
		this.batchTimer = Timer.builder("cdp.store.batch")
			.description("Time to write one batch to PostgreSQL")
			.publishPercentileHistogram()
			.register(meters);
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
		Consumer<String, byte[]> active = this.consumer;
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
		String problem = this.failure;
		if (!this.running) {
			return Health.down().withDetail("state", "stopped").build();
		}
		if (!this.joined) {
			// Not ready before the group gave this instance its partitions: until then,
			// nothing it would be asked for could be written.
			return Health.down().withDetail("state", "joining").build();
		}
		return (problem == null) ? Health.up().build()
				: Health.down().withDetail("state", "retrying").withDetail("error", problem).build();
	}

	private void run() {
		try (Consumer<String, byte[]> active = this.consumers.create(this.settings.groupId());
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
				ConsumerRecords<String, byte[]> records = active.poll(POLL);
				if (!records.isEmpty()) {
					writeUntilDone(active, batch(records));
					active.commitSync();
				}
			}
		}
		catch (WakeupException ex) {
			// Stopping.
		}
		finally {
			this.consumer = null;
		}
	}

	private Instant createPartitions(Consumer<String, byte[]> active) {
		retry(active, () -> {
			int created = this.store.createEventPartitions(Instant.now(), this.settings.partitionMonthsAhead());
			if (created > 0) {
				logger.info("Created {} monthly partition(s) of profile.events", created);
			}
		});
		return Instant.now();
	}

	private void writeUntilDone(Consumer<String, byte[]> active, StoreBatch batch) {
		retry(active, () -> this.batchTimer.record(() -> this.store.write(batch)));
		this.meters.counter("cdp.store.records").increment(batch.size());
		this.recordsWritten.addAndGet(batch.size());
	}

	/**
	 * Runs the write until it succeeds. Between attempts the consumer is paused but keeps
	 * polling, so that it is not thrown out of its group during a long outage.
	 */
	private void retry(Consumer<String, byte[]> active, Runnable write) {
		Duration backoff = this.settings.retryBackoff();
		while (this.running) {
			try {
				write.run();
				if (this.failure != null) {
					logger.info("PostgreSQL writes succeed again; the store writer catches up");
					active.resume(active.paused());
				}
				this.failure = null;
				return;
			}
			catch (DataAccessException ex) {
				if (this.failure == null) {
					logger.warn("Cannot write to PostgreSQL, retrying with back-off: {}",
							ex.getMostSpecificCause().getMessage());
				}
				this.failure = ex.getMostSpecificCause().getClass().getSimpleName();
				active.pause(active.assignment());
				waitPolling(active, backoff);
				backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			}
		}
		throw new WakeupException();
	}

	private static void waitPolling(Consumer<String, byte[]> active, Duration wait) {
		Instant until = Instant.now().plus(wait);
		while (Instant.now().isBefore(until)) {
			ConsumerRecords<String, byte[]> none = active.poll(POLL);
			if (!none.isEmpty()) {
				throw new IllegalStateException("A paused consumer returned records");
			}
		}
	}

	private StoreBatch batch(ConsumerRecords<String, byte[]> records) {
		List<Stamped<ProfileState>> profiles = new ArrayList<>();
		List<ProfileEvent> events = new ArrayList<>();
		List<ProfileMerged> merges = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			if (record.value() == null) {
				continue;
			}
			try {
				String topic = record.topic();
				if (topic.equals(this.topics.profiles().name())) {
					profiles
						.add(new Stamped<>(IdentitySerdes.profiles().deserializer().deserialize(topic, record.value()),
								Instant.ofEpochMilli(record.timestamp())));
				}
				else if (topic.equals(this.topics.profileEvents().name())) {
					events.add(IdentitySerdes.profileEvents().deserializer().deserialize(topic, record.value()));
				}
				else {
					merges.add(IdentitySerdes.profileMerges().deserializer().deserialize(topic, record.value()));
				}
			}
			catch (SerializationException ex) {
				// Only the identity topology writes these topics: an unreadable record is
				// a defect
				// to fix there, counted and logged with its position for a replay once
				// fixed.
				this.meters.counter("cdp.store.unreadable", "topic", record.topic()).increment();
				logger.error("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
						record.offset(), ex.getMessage());
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

}
