package io.cdp.ingest.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Stores every record of {@code cdp.events.dlq.v1} and {@code cdp.quarantine.v1} in
 * {@code ingest.dead_letters}, once. It is a spring-kafka batch listener: its container
 * ({@link #container}) reads both topics read-committed, so only what transactional
 * producers committed, hands over each poll, which is stored in one transaction, and
 * commits the poll's offsets only after the listener returned, that is after the database
 * committed (ack mode {@code BATCH}, synchronous commits). A record stored before is
 * skipped by its unique (topic, partition, offset), so a redelivery changes nothing.
 *
 * <p>
 * It never wedges: a record that cannot be read is stored raw as {@code unreadable}; a
 * batch PostgreSQL refuses while it is up is stored one letter at a time, and a letter it
 * still refuses is stored without its texts; while PostgreSQL is away the listener throws
 * and the container's {@link DefaultErrorHandler} delivers the same batch again with
 * growing back-off, for as long as it takes, the consumer paused but still polling so
 * that it keeps its partitions, and health reports DOWN. A failure of the consumer itself
 * (a poll Kafka could not answer) is waited out the same way and reported. Anything else
 * that escapes (a bug) makes health DOWN, is counted as a restart
 * ({@code cdp.deadletters.writer.restarts}) and logged, and the batch or the poll starts
 * over after the back-off; storing a letter again is a no-op. An {@link Error} ends the
 * consumer thread, which health reports as dead.
 *
 * <p>
 * What stays here rather than in spring-kafka: telling a database that is away from a
 * letter it refuses (spring-kafka's {@code BatchListenerFailedException} names a failed
 * record, but PostgreSQL does not say which row of a batch it refused), and the health,
 * which spring-kafka does not report, with the failures of the consumer it learns of
 * through the error handler and the end of each poll through a batch interceptor.
 */
final class DeadLetterWriter implements BatchMessageListener<byte[], byte[]>, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);

	private static final int MAX_TAG_LENGTH = 64;

	private static final String KAFKA = "Kafka: ";

	private final DeadLetterRepository repository;

	private final LetterReader reader;

	private final TopicCatalog topics;

	private final DeadLetterProperties settings;

	private final MeterRegistry meters;

	private final Counter restarts;

	private final AtomicLong recordsRead = new AtomicLong();

	private volatile @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> container;

	private volatile boolean joined;

	private volatile @Nullable String failure;

	private volatile @Nullable String crash;

	/**
	 * Whether the poll under way failed; read and written on the consumer thread only.
	 */
	private boolean pollFailed;

	/** The wait before the consumer polls again after it failed; consumer thread only. */
	private Duration consumerBackoff;

	/**
	 * Prepares a writer; nothing connects before its {@link #container} starts.
	 * @param repository the table
	 * @param topics the topics to read
	 * @param settings batch and retry settings
	 * @param meters where its metrics go
	 */
	DeadLetterWriter(DeadLetterRepository repository, TopicCatalog topics, DeadLetterProperties settings,
			MeterRegistry meters) {
		this.repository = repository;
		this.reader = new LetterReader(topics);
		this.topics = topics;
		this.settings = settings;
		this.meters = meters;
		this.consumerBackoff = settings.retryBackoff();
		this.restarts = Counter.builder("cdp.deadletters.writer.restarts")
			.description("Times the dead-letter writer failed for another reason than PostgreSQL or Kafka being away "
					+ "and started its batch or poll over after the back-off")
			.register(meters);
	}

	/**
	 * The listener container that runs this writer: one consumer in the given group,
	 * batches of at most {@code maxBatch} records, offsets committed after each batch is
	 * stored, and every failure retried with the writer's back-off, without end. A writer
	 * runs in one container, whose state its health reports.
	 * @param consumers creates the Kafka consumer (read-committed, auto-commit off)
	 * @param groupId the consumer group
	 * @return the container, not started
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumerFactory<byte[], byte[]> consumers,
			String groupId) {
		ContainerProperties properties = BatchConsumers.containerProperties(groupId, this.settings.maxBatch(),
				this.settings.retryBackoff(), () -> this.joined = true,
				List.of(this.topics.eventsDeadLetter().name(), this.topics.quarantine().name()));
		properties.setMessageListener(this);
		ConcurrentMessageListenerContainer<byte[], byte[]> created = new ConcurrentMessageListenerContainer<>(consumers,
				properties);
		created.setCommonErrorHandler(new RetryingForever());
		created.setBatchInterceptor(new PollWatch());
		// Names its consumer thread; the application context renames it after the bean.
		created.setBeanName("dead-letter-writer-" + groupId);
		this.container = created;
		return created;
	}

	/** How many records this writer has stored or found stored, since it started. */
	long recordsRead() {
		return this.recordsRead.get();
	}

	@Override
	public Health health() {
		ConcurrentMessageListenerContainer<byte[], byte[]> running = this.container;
		if (running == null || !running.isRunning()) {
			return Health.down().withDetail("state", "stopped").build();
		}
		String crashed = this.crash;
		if (crashed != null) {
			return Health.down().withDetail("state", "restarting").withDetail("error", crashed).build();
		}
		if (!running.isChildRunning()) {
			return Health.down().withDetail("state", "dead").build();
		}
		String problem = this.failure;
		if (problem != null) {
			return Health.down().withDetail("state", "retrying").withDetail("error", problem).build();
		}
		// Before its partitions are assigned the writer has nothing it could fail at.
		return this.joined ? Health.up().build() : Health.unknown().withDetail("state", "joining").build();
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		try {
			List<StoredLetter> letters = new ArrayList<>(records.size());
			for (ConsumerRecord<byte[], byte[]> record : records) {
				letters.add(this.reader.read(record));
			}
			store(letters);
		}
		catch (DatabaseUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Letters are read without failing and outages waited out by the listener
			// and its error handler; what reaches here is a failure of the writer
			// itself.
			crashed(ex);
			log.error("The dead-letter writer failed; starting the batch over after the back-off", ex);
			throw ex;
		}
		this.crash = null;
		this.recordsRead.addAndGet(records.size());
	}

	/**
	 * Stores the letters in one transaction, letter by letter when PostgreSQL refuses
	 * them together.
	 * @throws DatabaseUnavailableException when PostgreSQL is away, for the error handler
	 * to deliver the batch again after its back-off
	 */
	private void store(List<StoredLetter> letters) {
		try {
			counted(this.repository.insertAll(letters));
			if (this.failure != null) {
				log.info("PostgreSQL takes dead letters again; the writer catches up");
			}
			this.failure = null;
		}
		catch (RuntimeException ex) {
			if (this.repository.reachable() && storedOneByOne(letters)) {
				this.failure = null;
				return;
			}
			if (this.failure == null) {
				log.warn("Cannot store dead letters in PostgreSQL, retrying with back-off: {}",
						QuarantinedRecord.describe(ex));
			}
			this.failure = "PostgreSQL: " + ex.getClass().getSimpleName();
			throw new DatabaseUnavailableException(ex);
		}
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

	private void crashed(Exception failure) {
		this.crash = QuarantinedRecord.safeText(QuarantinedRecord.describe(failure), 500);
		this.restarts.increment();
	}

	/**
	 * The consumer failed outside the listener, in a poll or a commit: a broker problem
	 * the client did not ride out itself is reported and waited out, anything else is
	 * counted as a restart; either way the consumer polls again after the back-off, from
	 * the offsets it had, which the last stored batch committed.
	 */
	private void consumerFailed(Exception ex, MessageListenerContainer failed) {
		if (!failed.isRunning()) {
			// Stopping: a retry cut short ends this way.
			return;
		}
		this.pollFailed = true;
		Duration wait;
		if (ex instanceof KafkaException) {
			this.failure = KAFKA + ex.getClass().getSimpleName();
			log.warn("Cannot read dead letters from Kafka, retrying: {}", ex.getMessage());
			wait = this.settings.retryBackoff();
		}
		else {
			crashed(ex);
			wait = this.consumerBackoff;
			log.error("The dead-letter writer's consumer failed; polling again in {}", wait, ex);
			this.consumerBackoff = min(wait.multipliedBy(2), this.settings.maxRetryBackoff());
		}
		try {
			ListenerUtils.stoppableSleep(failed, wait.toMillis());
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** A poll ended: if it did not fail, what it would have failed at is over. */
	private void pollEnded() {
		if (!this.pollFailed) {
			this.crash = null;
			this.consumerBackoff = this.settings.retryBackoff();
			String problem = this.failure;
			if (problem != null && problem.startsWith(KAFKA)) {
				this.failure = null;
			}
		}
		this.pollFailed = false;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** Consumer settings of the writer on top of Spring Boot's. */

	/**
	 * Retries a failed batch with the writer's back-off for as long as it fails. Nothing
	 * is ever skipped by the error handler: the listener stores what it cannot read or
	 * PostgreSQL refuses itself, and every failure that reaches the handler, of whatever
	 * type, is one that waiting may cure. A failure of the consumer outside the listener
	 * goes to the writer, which reports it and waits.
	 */
	private final class RetryingForever extends DefaultErrorHandler {

		RetryingForever() {
			super((record, ex) -> {
				throw new IllegalStateException("The dead-letter writer's back-off never ends; nothing is skipped", ex);
			}, backOff(DeadLetterWriter.this.settings));
			setClassifications(Map.of(), true);
		}

		private static ExponentialBackOff backOff(DeadLetterProperties settings) {
			ExponentialBackOff backOff = new ExponentialBackOff(settings.retryBackoff().toMillis(), 2.0);
			backOff.setMaxInterval(settings.maxRetryBackoff().toMillis());
			return backOff;
		}

		@Override
		public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
				MessageListenerContainer container, boolean batchListener) {
			consumerFailed(thrownException, container);
		}

	}

	/** Tells the writer when each poll, with the listener and its retries, is over. */
	private final class PollWatch implements BatchInterceptor<byte[], byte[]> {

		@Override
		public ConsumerRecords<byte[], byte[]> intercept(ConsumerRecords<byte[], byte[]> records,
				Consumer<byte[], byte[]> consumer) {
			return records;
		}

		@Override
		public void clearThreadState(Consumer<?, ?> consumer) {
			pollEnded();
		}

	}

	/**
	 * PostgreSQL could not take a batch (it is away, or went away while the batch was
	 * stored letter by letter); the error handler delivers the batch again after its
	 * back-off.
	 */
	static final class DatabaseUnavailableException extends RuntimeException {

		DatabaseUnavailableException(RuntimeException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
