package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.cdp.contract.quarantine.QuarantinedRecord;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies on an exception no handler took (an error in a
 * processor, a transaction Kafka aborted, a quarantine that could not be written):
 * replace the thread, which resumes its tasks from their last commit, up to a bounded
 * number of times within a window; beyond that the failure does not go away by itself, so
 * the client shuts down, reports DOWN and the orchestrator restarts the instance.
 * Replacing a thread loses nothing under exactly-once: the failed transaction is aborted
 * and replayed. Neither Kafka Streams nor spring-kafka has a bounded policy like this
 * one; the Streams factory bean installs it ({@link IdentityStreams}).
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ThreadReplacements.class);

	private final int maxReplacements;

	private final Duration window;

	private final Clock clock;

	private final Deque<Instant> recent = new ArrayDeque<>();

	private volatile int replaced;

	private volatile @Nullable String lastError;

	ThreadReplacements(int maxReplacements, Duration window, Clock clock) {
		this.maxReplacements = maxReplacements;
		this.window = window;
		this.clock = clock;
	}

	@Override
	public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
		this.lastError = QuarantinedRecord.safeText(QuarantinedRecord.describe(exception), 500);
		Instant now = this.clock.instant();
		while (!this.recent.isEmpty() && this.recent.peekFirst().isBefore(now.minus(this.window))) {
			this.recent.removeFirst();
		}
		if (this.recent.size() >= this.maxReplacements) {
			logger.error("A stream thread died for the {}th time within {}; shutting the identity topology down",
					this.recent.size() + 1, this.window, exception);
			return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
		}
		this.recent.addLast(now);
		this.replaced++;
		logger.error("A stream thread died on an unexpected error; replacing it ({} of {} within {})",
				this.recent.size(), this.maxReplacements, this.window, exception);
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

	/** How many threads were replaced since start. */
	int replaced() {
		return this.replaced;
	}

	/** The last error that killed a thread, or null. */
	@Nullable String lastError() {
		return this.lastError;
	}

}
