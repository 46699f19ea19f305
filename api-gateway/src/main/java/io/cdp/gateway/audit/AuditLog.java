package io.cdp.gateway.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The audit's way to PostgreSQL, off the request path: {@link #record} only puts the row
 * into a bounded queue and returns; one background thread takes up to {@code batch-size}
 * rows at a time and inserts them in one statement, at most {@code flush-interval} after
 * the first of them arrived (at once when a batch is full). Neither a full queue nor a
 * database that is away ever fails or holds a request:
 * <ul>
 * <li>a row that finds the queue full is dropped;</li>
 * <li>a batch that cannot be written is retried, with pauses doubling from
 * {@code flush-interval} to five seconds, for {@code retry-for}, then dropped; rows
 * arriving meanwhile wait in the queue (and are dropped once it is full);</li>
 * <li>a batch PostgreSQL refuses as data (SQLSTATE class 22 or 23) is written row by row,
 * so that only the refused rows are dropped.</li>
 * </ul>
 * Every outcome is counted: {@code cdp.gateway.audit.rows} by {@code outcome}
 * ({@code written}, {@code dropped}), {@code cdp.gateway.audit.write.failures} (failed
 * writes, each retry included) and the gauge {@code cdp.gateway.audit.queue}. Drops and
 * failures are logged at most once a minute each, with counts and the database's error
 * state, never a row (rows hold no secrets, but paths and profile ids are personal enough
 * to keep out of the log).
 * <p>
 * It starts before the web server and stops after it, so that the requests of a graceful
 * shutdown are still recorded; at stop the writer drains the queue, dropping what cannot
 * be written at once.
 */
@Component
class AuditLog implements SmartLifecycle {

	/** Before the web server's start (and after its graceful stop). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** Writes a batch of rows in one go; throws when they could not be written. */
	@FunctionalInterface
	interface BatchWriter {

		void write(List<AuditEntry> batch);

	}

	private final BatchWriter writer;

	private final AuditProperties properties;

	private final BlockingQueue<AuditEntry> queue;

	private final Counter written;

	private final Counter dropped;

	private final Counter failures;

	private final Warning queueFull = new Warning();

	private final Warning writeFailed = new Warning();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	@Autowired
	AuditLog(AuditRepository repository, AuditProperties properties, MeterRegistry meters) {
		this(repository::insert, properties, meters);
	}

	AuditLog(BatchWriter writer, AuditProperties properties, MeterRegistry meters) {
		this.writer = writer;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.written = rows(meters, "written");
		this.dropped = rows(meters, "dropped");
		this.failures = Counter.builder("cdp.gateway.audit.write.failures")
			.description("Failed writes of a batch of audit rows; each retry counts")
			.register(meters);
		Gauge.builder("cdp.gateway.audit.queue", this.queue, BlockingQueue::size)
			.description("Audit rows waiting to be written")
			.register(meters);
	}

	/** Queues a row for the writer; never blocks, never throws. */
	void record(AuditEntry entry) {
		if (!this.queue.offer(entry)) {
			this.dropped.increment();
			this.queueFull.note(1, () -> log.warn("Dropped {} audit rows in the last minute: the queue of {} was full",
					this.queueFull.sinceLast(), this.properties.queueCapacity()));
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread writerThread = Thread.ofPlatform().name("cdp-audit-writer").daemon().unstarted(this::drain);
		this.thread = writerThread;
		writerThread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread writerThread = this.thread;
		if (writerThread == null) {
			return;
		}
		LockSupport.unpark(writerThread);
		try {
			if (!writerThread.join(STOP_TIMEOUT)) {
				writerThread.interrupt();
				log.warn("The audit writer did not finish within {}; {} audit rows are not written", STOP_TIMEOUT,
						this.queue.size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** The writer thread: batches until stopped, then what is left in the queue. */
	private void drain() {
		List<AuditEntry> batch = new ArrayList<>(this.properties.batchSize());
		try {
			while (this.running || !this.queue.isEmpty()) {
				AuditEntry first = this.queue.poll(this.properties.flushInterval().toNanos(), TimeUnit.NANOSECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				fill(batch, System.nanoTime() + this.properties.flushInterval().toNanos());
				writeWithRetries(batch);
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Adds what waits in the queue to a batch holding its first row; unless that fills
	 * the batch, waits until the flush time and adds what came meanwhile. One statement
	 * (and one commit) then carries the rows of a whole flush interval, instead of each
	 * request's row costing a round trip of its own, while a burst of more than a batch
	 * is written at once, batch after batch, without waiting.
	 * @param batch the batch, holding its first row
	 * @param flushAt when the batch is written at the latest ({@link System#nanoTime()})
	 */
	private void fill(List<AuditEntry> batch, long flushAt) {
		int size = this.properties.batchSize();
		this.queue.drainTo(batch, size - batch.size());
		if (batch.size() >= size) {
			return;
		}
		// Parked rather than polling the queue, which would wake the writer for every
		// row;
		// stop() unparks it, so that a stop does not wait for the flush time.
		for (long wait = flushAt - System.nanoTime(); wait > 0 && this.running
				&& !Thread.currentThread().isInterrupted(); wait = flushAt - System.nanoTime()) {
			LockSupport.parkNanos(this, wait);
		}
		this.queue.drainTo(batch, size - batch.size());
	}

	private void writeWithRetries(List<AuditEntry> batch) throws InterruptedException {
		long giveUpAt = System.nanoTime() + this.properties.retryFor().toNanos();
		Duration pause = this.properties.flushInterval();
		while (true) {
			try {
				this.writer.write(batch);
				this.written.increment(batch.size());
				return;
			}
			catch (RuntimeException ex) {
				this.failures.increment();
				if (isRefusedData(ex)) {
					writeOneByOne(batch);
					return;
				}
				boolean giveUp = !this.running || System.nanoTime() - giveUpAt >= 0;
				if (giveUp) {
					this.dropped.increment(batch.size());
				}
				this.writeFailed.note(1,
						() -> log.warn(
								"Could not write audit rows ({} failed writes in the last minute, {} rows "
										+ "waiting): {}; {}",
								this.writeFailed.sinceLast(), this.queue.size() + batch.size(), describe(ex),
								giveUp ? "dropped a batch of " + batch.size() : "retrying"));
				if (giveUp) {
					return;
				}
				TimeUnit.NANOSECONDS.sleep(pause.toNanos());
				pause = min(pause.multipliedBy(2), MAX_PAUSE);
			}
		}
	}

	/**
	 * After PostgreSQL refused a batch as data: each row alone, dropping the bad ones.
	 */
	private void writeOneByOne(List<AuditEntry> batch) {
		for (AuditEntry entry : batch) {
			try {
				this.writer.write(List.of(entry));
				this.written.increment();
			}
			catch (RuntimeException ex) {
				this.dropped.increment();
				this.writeFailed.note(1,
						() -> log.warn("Dropped an audit row that PostgreSQL refused: {}", describe(ex)));
			}
		}
	}

	private static boolean isRefusedData(RuntimeException ex) {
		String state = sqlState(ex);
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

	/**
	 * The error's kind and SQLSTATE; its message only when it is not about the data,
	 * since PostgreSQL quotes refused values.
	 */
	private static String describe(RuntimeException ex) {
		String state = sqlState(ex);
		Throwable cause = (ex instanceof DataAccessException access) ? access.getMostSpecificCause() : ex;
		if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
			return cause.getClass().getSimpleName() + " (SQLSTATE " + state + ")";
		}
		String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
		if (message.length() > 200) {
			message = message.substring(0, 200) + "…";
		}
		return cause.getClass().getSimpleName() + ((state != null) ? " (SQLSTATE " + state + ")" : "") + ": " + message;
	}

	private static @Nullable String sqlState(RuntimeException ex) {
		Throwable cause = (ex instanceof DataAccessException access) ? access.getMostSpecificCause() : ex;
		return (cause instanceof SQLException sql) ? sql.getSQLState() : null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Counter rows(MeterRegistry meters, String outcome) {
		return Counter.builder("cdp.gateway.audit.rows")
			.description("Audit rows by outcome: written, or dropped (queue full, refused, or not writable in time)")
			.tag("outcome", outcome)
			.register(meters);
	}

	/** A warning written at most once a minute, with what happened since the last one. */
	private static final class Warning {

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong nextAt = new AtomicLong(System.nanoTime());

		private volatile long reported;

		void note(long events, Runnable warn) {
			this.count.addAndGet(events);
			long now = System.nanoTime();
			long due = this.nextAt.get();
			if (now - due >= 0 && this.nextAt.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
				warn.run();
				this.reported = this.count.get();
			}
		}

		/** How many events since the previous warning, this one's included. */
		long sinceLast() {
			return this.count.get() - this.reported;
		}

	}

}
