package io.cdp.bench.accuracy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;

import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stack.StoredEvents;

/**
 * Waits until the pipeline has done everything it was given: the serving store holds
 * every event sent, and the consumers (the identity topology and the store writer) have
 * nothing left to read, so that merges that follow the last event are stored too. Lag is
 * read with read-committed isolation; the transaction markers exactly-once processing
 * leaves at the end of its own topics can keep a small lag that never moves, so a lag
 * unchanged over three consecutive looks counts as drained as well as a lag of zero.
 */
public final class DrainWait {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final int STEADY_LOOKS = 3;

	private final Stack stack;

	private final PipelineLag lag;

	private final Consumer<String> progress;

	/**
	 * Creates the wait.
	 * @param stack the stack
	 * @param lag the consumers' lag
	 * @param progress where progress lines go
	 */
	public DrainWait(Stack stack, PipelineLag lag, Consumer<String> progress) {
		this.stack = stack;
		this.lag = lag;
		this.progress = progress;
	}

	/**
	 * Waits for the events to be stored and the lag to settle.
	 * @param messageIds the events that must be in the store; may be empty
	 * @param timeout how long to wait at most
	 * @return how it ended
	 */
	public DrainResult await(Collection<String> messageIds, Duration timeout) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		long lastReport = started;
		long previousLag = -1;
		int steady = 0;
		long stored = 0;
		long currentLag = 0;
		StoredEvents events = new StoredEvents(messageIds);
		try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(),
				this.stack.jdbcPassword())) {
			while (true) {
				stored = events.look(connection);
				currentLag = this.lag.total();
				steady = (currentLag == previousLag) ? steady + 1 : 0;
				previousLag = currentLag;
				boolean lagSettled = currentLag == 0 || steady >= STEADY_LOOKS;
				if (events.complete() && lagSettled) {
					return new DrainResult(true, seconds(started), currentLag, stored, events.expected());
				}
				if (System.nanoTime() > deadline) {
					return new DrainResult(false, seconds(started), currentLag, stored, events.expected());
				}
				if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
					this.progress.accept("  waiting for the pipeline: %,d records behind, %,d of %,d events stored"
						.formatted(currentLag, stored, events.expected()));
					lastReport = System.nanoTime();
				}
				Pause.of(INTERVAL);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count the stored events in " + this.stack.jdbcUrl(), ex);
		}
	}

	private static double seconds(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	/**
	 * How the wait ended.
	 *
	 * @param drained whether everything was stored and the lag settled in time
	 * @param seconds how long it took
	 * @param lag the consumers' lag at the end, in records
	 * @param eventsStored how many of the events the store held
	 * @param eventsExpected how many it had to hold
	 */
	public record DrainResult(boolean drained, double seconds, long lag, long eventsStored, long eventsExpected) {

	}

}
