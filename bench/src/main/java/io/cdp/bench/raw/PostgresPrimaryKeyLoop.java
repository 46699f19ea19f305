package io.cdp.bench.raw;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

import io.cdp.bench.stack.Stack;
import io.cdp.bench.stats.LatencySamples;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's raw read rate on this machine: {@code concurrency} threads, each with its
 * own JDBC connection and prepared statement, read whole profile rows by primary key
 * ({@code SELECT * FROM profile.profiles WHERE profile_id = ?}) of random profiles of the
 * population, one after another, for the warm-up and then the measured window. It is the
 * least work a profile lookup can do.
 */
public final class PostgresPrimaryKeyLoop {

	static final String QUERY = "SELECT * FROM profile.profiles WHERE profile_id = ?";

	private PostgresPrimaryKeyLoop() {
	}

	/**
	 * Runs the loop.
	 * @param stack the database
	 * @param profileIds profiles to read
	 * @param concurrency threads
	 * @param warmup how long before counting
	 * @param window how long counting lasts
	 * @return the result
	 */
	public static PostgresResult measure(Stack stack, List<String> profileIds, int concurrency, Duration warmup,
			Duration window) {
		long windowStart = System.nanoTime() + warmup.toNanos();
		long windowEnd = windowStart + window.toNanos();
		List<Reader> readers = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(concurrency);
		for (int index = 0; index < concurrency; index++) {
			Reader reader = new Reader(stack, profileIds, new SplittableRandom(31L * (index + 1)), windowStart,
					windowEnd, done);
			readers.add(reader);
			Thread.ofPlatform().name("bench-postgres-" + index).daemon().start(reader);
		}
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading PostgreSQL", ex);
		}
		for (Reader reader : readers) {
			if (reader.failure != null) {
				throw new IllegalStateException("The primary-key loop failed", reader.failure);
			}
		}
		long selects = readers.stream().mapToLong((reader) -> reader.latencies.count()).sum();
		double seconds = window.toNanos() / 1e9;
		return new PostgresResult(concurrency, QUERY, seconds, selects, selects / seconds,
				LatencySamples.merge(readers.stream().map((reader) -> reader.latencies).toList()).summary());
	}

	private static final class Reader implements Runnable {

		private final Stack stack;

		private final List<String> profileIds;

		private final SplittableRandom random;

		private final long windowStart;

		private final long windowEnd;

		private final CountDownLatch done;

		final LatencySamples latencies = new LatencySamples();

		@Nullable SQLException failure;

		Reader(Stack stack, List<String> profileIds, SplittableRandom random, long windowStart, long windowEnd,
				CountDownLatch done) {
			this.stack = stack;
			this.profileIds = profileIds;
			this.random = random;
			this.windowStart = windowStart;
			this.windowEnd = windowEnd;
			this.done = done;
		}

		@Override
		public void run() {
			try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(),
					this.stack.jdbcPassword()); PreparedStatement select = connection.prepareStatement(QUERY)) {
				while (System.nanoTime() < this.windowEnd) {
					long started = System.nanoTime();
					select.setString(1, this.profileIds.get(this.random.nextInt(this.profileIds.size())));
					try (ResultSet row = select.executeQuery()) {
						while (row.next()) {
							row.getString("traits");
							row.getString("computed");
						}
					}
					long now = System.nanoTime();
					if (now >= this.windowStart && now <= this.windowEnd) {
						this.latencies.record(now - started);
					}
				}
			}
			catch (SQLException ex) {
				this.failure = ex;
			}
			finally {
				this.done.countDown();
			}
		}

	}

}
