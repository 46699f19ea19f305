package io.cdp.bench.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.stats.MeasuredWindow;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code concurrency} workers, each with its own keep-alive client,
 * send one request after another for the warm-up and then the measured window. Only
 * requests that complete inside the window count, so the rate is what the platform
 * sustains, not what was queued.
 */
public final class ClosedLoop {

	private ClosedLoop() {
	}

	/**
	 * Runs the load.
	 * @param concurrency how many workers
	 * @param warmup how long before counting starts
	 * @param window how long counting lasts
	 * @param stepOfWorker the request a worker sends each time, given the worker's index
	 * @return what the window saw
	 */
	public static LoopResult run(int concurrency, Duration warmup, Duration window,
			Function<Integer, Step> stepOfWorker) {
		MeasuredWindow measured = MeasuredWindow.after(warmup, window);
		List<Worker> workers = new ArrayList<>();
		for (int index = 0; index < concurrency; index++) {
			workers.add(new Worker(stepOfWorker.apply(index), measured));
		}
		MeasuredWindow.runAll("bench-worker", workers);
		return LoopResult.of(workers, measured);
	}

	/** One request of a worker. */
	@FunctionalInterface
	public interface Step {

		/**
		 * Sends it.
		 * @param http the worker's client
		 * @return the answer and how many units (events, lookups) it carried
		 */
		Outcome send(BenchHttp http);

	}

	/**
	 * A request's answer and the units it carried when it succeeded.
	 *
	 * @param exchange the answer
	 * @param units events accepted, or 1 for a read that succeeded
	 */
	public record Outcome(Exchange exchange, long units) {

	}

	static final class Worker implements Runnable {

		private final Step step;

		private final MeasuredWindow window;

		private final BenchHttp http = new BenchHttp();

		final Histogram latencies = LatencySummary.histogram();

		long requests;

		long ok;

		long rateLimited;

		long failed;

		long units;

		String rateLimit = "";

		String firstFailure = "";

		Worker(Step step, MeasuredWindow window) {
			this.step = step;
			this.window = window;
		}

		@Override
		public void run() {
			while (this.window.open()) {
				Outcome outcome = this.step.send(this.http);
				if (this.window.inside(System.nanoTime())) {
					count(outcome);
				}
			}
		}

		private void count(Outcome outcome) {
			Exchange exchange = outcome.exchange();
			this.requests++;
			this.latencies.recordValue(exchange.nanos());
			if (!exchange.rateLimit().isEmpty()) {
				this.rateLimit = exchange.rateLimit();
			}
			if (exchange.ok()) {
				this.ok++;
				this.units += outcome.units();
			}
			else if (exchange.status() == 429) {
				this.rateLimited++;
			}
			else {
				this.failed++;
				if (this.firstFailure.isEmpty()) {
					this.firstFailure = exchange.toString();
				}
			}
		}

	}

	/**
	 * What the measured window saw.
	 *
	 * @param seconds the window's length
	 * @param requests requests completed in it
	 * @param ok those answered 2xx
	 * @param rateLimited those answered 429
	 * @param failed the others (other statuses, no answer)
	 * @param units units carried by the 2xx ones
	 * @param latency latency of all of them
	 * @param rateLimit the last {@code RateLimit-Limit} header seen, empty if none
	 * @param firstFailure the first failure, for the report, empty if none
	 */
	public record LoopResult(double seconds, long requests, long ok, long rateLimited, long failed, long units,
			LatencySummary latency, String rateLimit, String firstFailure) {

		static LoopResult of(List<Worker> workers, MeasuredWindow window) {
			long requests = 0;
			long ok = 0;
			long rateLimited = 0;
			long failed = 0;
			long units = 0;
			String rateLimit = "";
			String firstFailure = "";
			List<Histogram> latencies = new ArrayList<>();
			for (Worker worker : workers) {
				requests += worker.requests;
				ok += worker.ok;
				rateLimited += worker.rateLimited;
				failed += worker.failed;
				units += worker.units;
				rateLimit = worker.rateLimit.isEmpty() ? rateLimit : worker.rateLimit;
				firstFailure = firstFailure.isEmpty() ? worker.firstFailure : firstFailure;
				latencies.add(worker.latencies);
			}
			return new LoopResult(window.seconds(), requests, ok, rateLimited, failed, units,
					LatencySummary.of(latencies), rateLimit, firstFailure);
		}

		/**
		 * Units per second in the window.
		 * @return the rate
		 */
		public double unitsPerSecond() {
			return this.units / this.seconds;
		}

	}

}
