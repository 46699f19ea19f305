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

import io.cdp.bench.stack.Stack;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.stats.MeasuredWindow;
import org.HdrHistogram.Histogram;
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
		MeasuredWindow measured = MeasuredWindow.after(warmup, window);
		List<Reader> readers = new ArrayList<>();
		for (int index = 0; index < concurrency; index++) {
			readers.add(new Reader(stack, profileIds, new SplittableRandom(31L * (index + 1)), measured));
		}
		MeasuredWindow.runAll("bench-postgres", readers);
		for (Reader reader : readers) {
			if (reader.failure != null) {
				throw new IllegalStateException("The primary-key loop failed", reader.failure);
			}
		}
		long selects = readers.stream().mapToLong((reader) -> reader.latencies.getTotalCount()).sum();
		return new PostgresResult(concurrency, QUERY, measured.seconds(), selects, selects / measured.seconds(),
				LatencySummary.of(readers.stream().map((reader) -> reader.latencies).toList()));
	}

	private static final class Reader implements Runnable {

		private final Stack stack;

		private final List<String> profileIds;

		private final SplittableRandom random;

		private final MeasuredWindow window;

		final Histogram latencies = LatencySummary.histogram();

		@Nullable SQLException failure;

		Reader(Stack stack, List<String> profileIds, SplittableRandom random, MeasuredWindow window) {
			this.stack = stack;
			this.profileIds = profileIds;
			this.random = random;
			this.window = window;
		}

		@Override
		public void run() {
			try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(),
					this.stack.jdbcPassword()); PreparedStatement select = connection.prepareStatement(QUERY)) {
				while (this.window.open()) {
					long started = System.nanoTime();
					select.setString(1, this.profileIds.get(this.random.nextInt(this.profileIds.size())));
					try (ResultSet row = select.executeQuery()) {
						while (row.next()) {
							row.getString("traits");
							row.getString("computed");
						}
					}
					long now = System.nanoTime();
					if (this.window.inside(now)) {
						this.latencies.recordValue(now - started);
					}
				}
			}
			catch (SQLException ex) {
				this.failure = ex;
			}
		}

	}

}
