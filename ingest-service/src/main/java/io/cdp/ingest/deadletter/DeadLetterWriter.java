package io.cdp.ingest.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Stores every record of {@code cdp.events.dlq.v1} and {@code cdp.quarantine.v1} in
 * {@code ingest.dead_letters}, once. One thread polls both topics (read-committed, so
 * only what transactional producers committed) and stores each poll in one transaction;
 * offsets are committed only after the database committed, and a record stored before is
 * skipped by its unique (topic, partition, offset), so a redelivery changes nothing.
 *
 * <p>
 * It never wedges: a record that cannot be read is stored raw as {@code unreadable};
 * while PostgreSQL is away the same batch is retried with growing back-off, the consumer
 * paused but still polling so it keeps its partitions, and health reports DOWN; a batch
 * PostgreSQL refuses while it is up is stored one letter at a time, and a letter it still
 * refuses is stored without its texts. If the thread dies anyway, health says so.
 */
final class DeadLetterWriter implements SmartLifecycle, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final int MAX_TAG_LENGTH = 64;

	private final ConsumerFactory consumers;

	private final DeadLetterRepository repository;

	private final LetterReader reader;

	private final TopicCatalog topics;

	private final DeadLetterProperties settings;

	private final String groupId;

	private final MeterRegistry meters;

	private final Counter restarts;

	private final AtomicLong recordsRead = new AtomicLong();

	private volatile @Nullable Thread worker;

	private volatile boolean running;

	private volatile boolean joined;

	private volatile @Nullable String failure;

	private volatile @Nullable String crash;

	private volatile @Nullable Consumer<byte[], byte[]> consumer;

	/** Creates the writer's Kafka consumer, so that tests can run a second writer. */
	@FunctionalInterface
	interface ConsumerFactory {

		/** A consumer of raw records, read-committed, auto-commit off, in the group. */
		Consumer<byte[], byte[]> create(String groupId);

	}

	DeadLetterWriter(ConsumerFactory consumers, DeadLetterRepository repository, TopicCatalog topics,
			DeadLetterProperties settings, String groupId, MeterRegistry meters) {
		this.consumers = consumers;
		this.repository = repository;
		this.reader = new LetterReader(topics);
		this.topics = topics;
		this.settings = settings;
		this.groupId = groupId;
		this.meters = meters;
		this.restarts = Counter.builder("cdp.deadletters.writer.restarts")
			.description("Times the dead-letter writer's loop failed and started over from its last committed offsets")
			.register(meters);
	}

	@Override
	public void start() {
		this.running = true;
		this.crash = null;
		Thread thread = new Thread(this::run, "dead-letter-writer");
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

	/** How many records this writer has stored or found stored, since it started. */
	long recordsRead() {
		return this.recordsRead.get();
	}

	@Override
	public Health health() {
		Thread thread = this.worker;
		if (!this.running || thread == null) {
			return Health.down().withDetail("state", "stopped").build();
		}
		String crashed = this.crash;
		if (crashed != null) {
			return Health.down().withDetail("state", "restarting").withDetail("error", crashed).build();
		}
		if (!thread.isAlive()) {
			return Health.down().withDetail("state", "dead").build();
		}
		String problem = this.failure;
		if (problem != null) {
			return Health.down().withDetail("state", "retrying").withDetail("error", problem).build();
		}
		// Before its partitions are assigned the writer has nothing it could fail at.
		return this.joined ? Health.up().build() : Health.unknown().withDetail("state", "joining").build();
	}

	/**
	 * Runs the consumer loop until stopped. A failure the loop does not handle itself
	 * (records are read, and a database or broker outage waited out, inside it) makes
	 * health DOWN, is counted and logged, and the loop starts over from the last
	 * committed offsets after a growing back-off; storing a letter again is a no-op. An
	 * {@link Error} is left to end the thread, which health reports as dead.
	 */
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
				if (!this.running) {
					break;
				}
				this.crash = QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500);
				this.restarts.increment();
				log.error("The dead-letter writer failed; starting over from the last committed offsets in {}", backoff,
						ex);
				pause(backoff);
				backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			}
		}
	}

	private void consume() {
		try (Consumer<byte[], byte[]> active = this.consumers.create(this.groupId);
				KafkaClientMetrics clientMetrics = new KafkaClientMetrics(active)) {
			clientMetrics.bindTo(this.meters);
			this.consumer = active;
			active.subscribe(List.of(this.topics.eventsDeadLetter().name(), this.topics.quarantine().name()),
					new ConsumerRebalanceListener() {

						@Override
						public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
							DeadLetterWriter.this.joined = true;
							if (DeadLetterWriter.this.failure != null) {
								active.pause(partitions);
							}
						}

						@Override
						public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
						}

					});
			while (this.running) {
				pollOnce(active);
				this.crash = null;
			}
		}
		finally {
			this.consumer = null;
		}
	}

	private void pollOnce(Consumer<byte[], byte[]> active) {
		ConsumerRecords<byte[], byte[]> records;
		try {
			records = active.poll(POLL);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (KafkaException ex) {
			// A broker problem the client did not ride out itself: wait and poll again.
			this.failure = "Kafka: " + ex.getClass().getSimpleName();
			log.warn("Cannot read dead letters from Kafka, retrying: {}", ex.getMessage());
			pause(this.settings.retryBackoff());
			return;
		}
		if (records.isEmpty()) {
			if (this.failure != null && this.failure.startsWith("Kafka")) {
				this.failure = null;
			}
			return;
		}
		List<StoredLetter> letters = new ArrayList<>(records.count());
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			letters.add(this.reader.read(record));
			offsets.put(new TopicPartition(record.topic(), record.partition()),
					new OffsetAndMetadata(record.offset() + 1));
		}
		storeUntilDone(active, letters);
		try {
			active.commitSync(offsets);
		}
		catch (WakeupException ex) {
			throw ex;
		}
		catch (KafkaException ex) {
			// The letters are stored; a redelivery after a rebalance is a no-op.
			log.warn("Could not commit dead-letter offsets, some will be read again: {}", ex.getMessage());
		}
		this.recordsRead.addAndGet(letters.size());
	}

	/**
	 * Stores the letters, waiting out a database that is away. Between attempts the
	 * consumer is paused but keeps polling, so that it stays in its group.
	 */
	private void storeUntilDone(Consumer<byte[], byte[]> active, List<StoredLetter> letters) {
		Duration backoff = this.settings.retryBackoff();
		while (this.running) {
			try {
				counted(this.repository.insertAll(letters));
				if (this.failure != null) {
					log.info("PostgreSQL takes dead letters again; the writer catches up");
					active.resume(active.paused());
				}
				this.failure = null;
				return;
			}
			catch (RuntimeException ex) {
				if (this.repository.reachable() && storedOneByOne(letters)) {
					if (this.failure != null) {
						active.resume(active.paused());
					}
					this.failure = null;
					return;
				}
				if (this.failure == null) {
					log.warn("Cannot store dead letters in PostgreSQL, retrying with back-off: {}",
							QuarantinedRecord.describe(ex));
				}
				this.failure = "PostgreSQL: " + ex.getClass().getSimpleName();
				waitPolling(active, backoff);
				backoff = min(backoff.multipliedBy(2), this.settings.maxRetryBackoff());
			}
		}
		throw new WakeupException();
	}

	/**
	 * The database is up and refused the batch: stores letter by letter to find the one
	 * at fault.
	 * @return false if the database went away meanwhile
	 */
	private boolean storedOneByOne(List<StoredLetter> letters) {
		try {
			storeOneByOne(letters);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void storeOneByOne(List<StoredLetter> letters) {
		for (StoredLetter letter : letters) {
			try {
				counted(this.repository.insertAll(List.of(letter)));
			}
			catch (RuntimeException refused) {
				StoredLetter bare = bare(letter, refused);
				log.error("PostgreSQL refused dead letter {}-{}@{}; storing it without its texts: {}",
						letter.letter().topic(), letter.letter().partition(), letter.letter().offset(),
						QuarantinedRecord.describe(refused));
				counted(this.repository.insertAll(List.of(bare)));
			}
		}
	}

	/** A letter with nothing PostgreSQL could refuse but its bytes and coordinates. */
	private static StoredLetter bare(StoredLetter letter, RuntimeException refused) {
		return new StoredLetter(letter.kind(), LetterReader.STORE_STAGE, "unstorable", null,
				QuarantinedRecord.safeText(QuarantinedRecord.describe(refused), 500), null, null, null, null, null,
				letter.key(), letter.payload(), LetterReader.time(null, -1), letter.letter());
	}

	private void counted(List<StoredLetter> stored) {
		for (StoredLetter letter : stored) {
			this.meters
				.counter("cdp.deadletters.stored", "source", tag(letter.sourceId(), "none"), "stage",
						tag(letter.stage(), "none"), "reason", tag(letter.reason(), "none"), "kind",
						letter.kind().wireName())
				.increment();
		}
	}

	private static String tag(@Nullable String value, String absent) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		return (value.length() > MAX_TAG_LENGTH) ? value.substring(0, MAX_TAG_LENGTH) : value;
	}

	/**
	 * Waits while polling the paused consumer; a partition assigned meanwhile and not yet
	 * paused is paused and set back, so that nothing is skipped.
	 */
	private void waitPolling(Consumer<byte[], byte[]> active, Duration wait) {
		Instant until = Instant.now().plus(wait);
		while (this.running && Instant.now().isBefore(until)) {
			active.pause(active.assignment());
			ConsumerRecords<byte[], byte[]> early = active.poll(POLL);
			for (TopicPartition partition : early.partitions()) {
				active.seek(partition, early.records(partition).get(0).offset());
			}
		}
	}

	private void pause(Duration wait) {
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WakeupException();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** Consumer settings of the writer on top of the connection settings. */
	static Map<String, Object> consumerSettings(int maxBatch) {
		return Map.of("isolation.level", "read_committed", "enable.auto.commit", false, "auto.offset.reset", "earliest",
				"max.poll.records", maxBatch);
	}

}
