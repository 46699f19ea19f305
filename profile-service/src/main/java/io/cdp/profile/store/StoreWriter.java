package io.cdp.profile.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
import io.cdp.kafka.batch.BatchConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Consumes {@code cdp.profiles.v1}, {@code cdp.profile-events.v1} and
 * {@code cdp.profile-merges.v1} (read-committed, so only what the exactly-once topology
 * committed) as a spring-kafka batch listener, and writes each poll as one batch
 * transaction. Its container ({@link #container}) commits the offsets of a poll only
 * after the listener returned, that is after the database committed (ack mode
 * {@code BATCH}, synchronous commits).
 *
 * <p>
 * A failed write is classified ({@link WriteFailures}). When PostgreSQL is away the
 * listener throws, and the container's {@link DefaultErrorHandler} delivers the same
 * records again with growing back-off, for as long as it takes, while the consumer stays
 * in its group (paused, still polling); readiness reports the writer down meanwhile, and
 * Kafka keeps everything until it catches up. When PostgreSQL refuses rows of the batch
 * for good, the batch is split in halves until the refused records stand alone; those are
 * quarantined (stage {@code store.writer}, reason {@code refused-by-database}) and the
 * rest is written. A record that cannot be read is quarantined too. Offsets are committed
 * only once every record of the poll is written or quarantined.
 *
 * <p>
 * Anything else that escapes (a bug, the quarantine unreachable) is retried the same way:
 * the writer reports DOWN with the error, counts a restart ({@code cdp.store.restarts})
 * and starts the batch over after the back-off; the upserts make the records it writes
 * again change nothing.
 *
 * <p>
 * What stays here rather than in spring-kafka: the splitting of a refused batch and the
 * quarantine of single rows (a {@code BatchListenerFailedException} names one failed
 * record by its index, but the database does not say which row of a batch it refused);
 * the records of a batch that were already written or quarantined when a retry starts are
 * skipped, so that a retry after an outage in the middle of a split writes and
 * quarantines nothing twice; and the health, which spring-kafka does not report.
 */
public final class StoreWriter implements BatchMessageListener<byte[], byte[]>, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(StoreWriter.class);

	private final ProfileStore store;

	private final TopicCatalog topics;

	private final StoreProperties settings;

	private final Quarantine quarantine;

	private final Timer batchTimer;

	private final MeterRegistry meters;

	/**
	 * Per consumer thread, the records of the batch being delivered that are already
	 * written or quarantined; emptied once the whole batch is. Records are compared by
	 * identity: a retry delivers the same instances, on the same thread.
	 */
	private final ThreadLocal<Set<ConsumerRecord<byte[], byte[]>>> settled = ThreadLocal.withInitial(HashSet::new);

	private volatile @Nullable ConcurrentMessageListenerContainer<byte[], byte[]> container;

	/** Per consumer thread, why PostgreSQL cannot take its batch, while it cannot. */
	private final Map<Thread, String> databaseProblems = new ConcurrentHashMap<>();

	/** Per consumer thread, the failure its batch is being started over after. */
	private final Map<Thread, String> crashes = new ConcurrentHashMap<>();

	private volatile boolean joined;

	private final AtomicLong recordsWritten = new AtomicLong();

	private final AtomicLong restarts = new AtomicLong();

	/**
	 * Prepares a writer; nothing connects before its {@link #container} starts.
	 * @param store the tables
	 * @param topics the topics to read
	 * @param settings batch and retry settings
	 * @param quarantine where records that cannot be read or stored go
	 * @param meters where its metrics go
	 */
	StoreWriter(ProfileStore store, TopicCatalog topics, StoreProperties settings, Quarantine quarantine,
			MeterRegistry meters) {
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

	/**
	 * The listener container that runs this writer: {@code concurrency} consumers in the
	 * given group, each on its own thread with its own partitions, batches of at most
	 * {@code maxBatch} records, offsets committed after each batch is stored, and every
	 * failure retried with the writer's back-off, without end. A writer runs in one
	 * container, whose state its health reports.
	 *
	 * <p>
	 * The consumers write their batches at the same time. The upserts make that safe (an
	 * older profile version never overwrites a newer one, an identifier only moves to an
	 * older profile, whatever order the transactions commit in), and every batch takes
	 * its row locks in one global order (by table, then key), so that two batches naming
	 * the same identifier wait for each other instead of deadlocking.
	 * @param consumers creates the Kafka consumer (read-committed, auto-commit off)
	 * @param groupId the consumer group
	 * @return the container, not started
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumerFactory<byte[], byte[]> consumers,
			String groupId) {
		ContainerProperties properties = BatchConsumers.containerProperties(groupId, this.settings.maxBatch(),
				this.settings.retryBackoff(), () -> this.joined = true, List.of(this.topics.profiles().name(),
						this.topics.profileEvents().name(), this.topics.profileMerges().name()));
		properties.setMessageListener(this);
		ConcurrentMessageListenerContainer<byte[], byte[]> created = new ConcurrentMessageListenerContainer<>(consumers,
				properties);
		created.setConcurrency(this.settings.concurrency());
		created.setCommonErrorHandler(retryingForever());
		// Names its consumer thread; the application context renames it after the bean.
		created.setBeanName("store-writer-" + groupId);
		this.container = created;
		return created;
	}

	/**
	 * Retries a failed batch with the writer's back-off for as long as it fails
	 * ({@link BatchConsumers#retryingForever}).
	 */
	private DefaultErrorHandler retryingForever() {
		return BatchConsumers.retryingForever(this.settings.retryBackoff(), this.settings.maxRetryBackoff(),
				"The store writer");
	}

	/**
	 * How many records this writer has written since it started, a profile version that a
	 * newer one of the same batch replaced included.
	 */
	public long recordsWritten() {
		return this.recordsWritten.get();
	}

	@Override
	public Health health() {
		ConcurrentMessageListenerContainer<byte[], byte[]> running = this.container;
		if (running == null || !running.isRunning()) {
			return Health.down().withDetail("state", "stopped").build();
		}
		String crashed = any(this.crashes);
		if (crashed != null) {
			return Health.down().withDetail("state", "restarting").withDetail("error", crashed).build();
		}
		if (!running.getContainers().stream().allMatch(MessageListenerContainer::isRunning)) {
			// A consumer thread ended on an Error, which spring-kafka does not retry.
			return Health.down().withDetail("state", "dead").build();
		}
		if (!this.joined) {
			// Not ready before the group gave this instance its partitions: until then,
			// nothing it would be asked for could be written.
			return Health.down().withDetail("state", "joining").build();
		}
		String problem = any(this.databaseProblems);
		Health.Builder health = (problem == null) ? Health.up()
				: Health.down().withDetail("state", "retrying").withDetail("error", problem);
		if (this.restarts.get() > 0) {
			health.withDetail("restarts", this.restarts.get());
		}
		return health.build();
	}

	private static @Nullable String any(Map<Thread, String> problems) {
		return problems.values().stream().findFirst().orElse(null);
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		Set<ConsumerRecord<byte[], byte[]>> settled = this.settled.get();
		settled.retainAll(records);
		try {
			write(records, settled);
		}
		catch (DatabaseUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Records are quarantined and outages waited out by the listener and
			// its error handler; what reaches here is a failure of the writer
			// itself. An Error ends the consumer thread, which health reports as
			// dead.
			this.crashes.put(Thread.currentThread(), QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500));
			this.restarts.incrementAndGet();
			this.meters.counter("cdp.store.restarts").increment();
			logger.error("The store writer failed; starting the batch over after the back-off", ex);
			throw ex;
		}
		settled.clear();
		this.crashes.remove(Thread.currentThread());
	}

	private void write(List<ConsumerRecord<byte[], byte[]>> records, Set<ConsumerRecord<byte[], byte[]>> settled) {
		// Every version of a profile in the batch is read: the store keeps the highest,
		// whatever order they came in (anyone can write the topic, also an older one).
		List<Incoming> incoming = new ArrayList<>(records.size());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (record.value() == null || settled.contains(record)) {
				continue;
			}
			try {
				incoming.add(new Incoming(record, read(record)));
			}
			catch (RuntimeException ex) {
				// Only the identity topology should write these topics, but anyone can.
				quarantine(record, Reasons.UNREADABLE, ex, settled);
			}
		}
		writeSplitting(incoming, settled);
	}

	/**
	 * Writes the records in one transaction; when the database refuses it, writes each
	 * half on its own, down to the single records it refuses, which are quarantined.
	 */
	private void writeSplitting(List<Incoming> records, Set<ConsumerRecord<byte[], byte[]>> settled) {
		if (records.isEmpty()) {
			return;
		}
		StoreBatch batch = batch(records);
		RuntimeException refusal = attempt(batch);
		if (refusal == null) {
			this.meters.counter("cdp.store.records").increment(batch.size());
			this.recordsWritten.addAndGet(batch.size());
			records.forEach((record) -> settled.add(record.source()));
			return;
		}
		if (records.size() == 1) {
			quarantine(records.get(0).source(), Reasons.REFUSED_BY_DATABASE, refusal, settled);
			return;
		}
		int half = records.size() / 2;
		writeSplitting(records.subList(0, half), settled);
		writeSplitting(records.subList(half, records.size()), settled);
	}

	/**
	 * Writes a batch once.
	 * @return the database's refusal, or null once written
	 * @throws DatabaseUnavailableException when the failure is not the rows' fault, for
	 * the error handler to retry after its back-off
	 */
	private @Nullable RuntimeException attempt(StoreBatch batch) {
		try {
			this.batchTimer.record(() -> this.store.write(batch));
		}
		catch (RuntimeException ex) {
			if (WriteFailures.isRefusal(ex)) {
				recovered();
				return ex;
			}
			String problem = QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500);
			if (this.databaseProblems.put(Thread.currentThread(), problem) == null) {
				logger.warn("Cannot write to PostgreSQL, retrying with back-off: {}", problem);
			}
			throw new DatabaseUnavailableException(ex);
		}
		recovered();
		return null;
	}

	private void recovered() {
		if (this.databaseProblems.remove(Thread.currentThread()) != null) {
			logger.info("PostgreSQL writes succeed again; the store writer catches up");
		}
	}

	private void quarantine(ConsumerRecord<byte[], byte[]> record, String reason, Throwable failure,
			Set<ConsumerRecord<byte[], byte[]>> settled) {
		this.quarantine.put(QuarantinedRecords.of(Stages.STORE_WRITER, reason, QuarantinedRecord.describe(failure),
				record.topic(), record.partition(), record.offset(), record.key(), record.value()));
		settled.add(record);
	}

	private Object read(ConsumerRecord<byte[], byte[]> record) {
		String topic = record.topic();
		if (topic.equals(this.topics.profiles().name())) {
			return new Stamped<>(this.topics.profiles().valueSerde().deserializer().deserialize(topic, record.value()),
					Instant.ofEpochMilli(record.timestamp()));
		}
		if (topic.equals(this.topics.profileEvents().name())) {
			return EventRow.read(record.value());
		}
		return this.topics.profileMerges().valueSerde().deserializer().deserialize(topic, record.value());
	}

	@SuppressWarnings("unchecked")
	private static StoreBatch batch(List<Incoming> records) {
		List<Stamped<ProfileState>> profiles = new ArrayList<>();
		List<EventRow> events = new ArrayList<>();
		List<ProfileMerged> merges = new ArrayList<>();
		for (Incoming record : records) {
			switch (record.value()) {
				case Stamped<?> stamped -> profiles.add((Stamped<ProfileState>) stamped);
				case EventRow event -> events.add(event);
				case ProfileMerged merge -> merges.add(merge);
				default -> throw new IllegalStateException("Unexpected record " + record.value().getClass());
			}
		}
		return new StoreBatch(profiles, events, merges);
	}

	/** Consumer settings of the writer on top of Spring Boot's. */

	/** A record as read from Kafka, with what it holds. */
	private record Incoming(ConsumerRecord<byte[], byte[]> source, Object value) {

	}

	/**
	 * PostgreSQL could not take a batch for a reason that is not the rows' (see
	 * {@link WriteFailures}); the error handler delivers the batch again after its
	 * back-off.
	 */
	static final class DatabaseUnavailableException extends RuntimeException {

		DatabaseUnavailableException(RuntimeException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
