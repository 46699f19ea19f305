package io.cdp.bench.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import io.cdp.bench.stats.LatencySamples;
import io.cdp.bench.stats.LatencySummary;

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
		long start = System.nanoTime();
		long windowStart = start + warmup.toNanos();
		long windowEnd = windowStart + window.toNanos();
		List<Worker> workers = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(concurrency);
		for (int index = 0; index < concurrency; index++) {
			Worker worker = new Worker(stepOfWorker.apply(index), windowStart, windowEnd, done);
			workers.add(worker);
			Thread.ofPlatform().name("bench-worker-" + index).daemon().start(worker);
		}
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the load ran", ex);
		}
		return LoopResult.of(workers, window);
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

		private final long windowStart;

		private final long windowEnd;

		private final CountDownLatch done;

		private final BenchHttp http = new BenchHttp();

		final LatencySamples latencies = new LatencySamples();

		long requests;

		long ok;

		long rateLimited;

		long failed;

		long units;

		String rateLimit = "";

		String firstFailure = "";

		Worker(Step step, long windowStart, long windowEnd, CountDownLatch done) {
			this.step = step;
			this.windowStart = windowStart;
			this.windowEnd = windowEnd;
			this.done = done;
		}

		@Override
		public void run() {
			try {
				while (System.nanoTime() < this.windowEnd) {
					Outcome outcome = this.step.send(this.http);
					long now = System.nanoTime();
					if (now >= this.windowStart && now <= this.windowEnd) {
						count(outcome);
					}
				}
			}
			finally {
				this.done.countDown();
			}
		}

		private void count(Outcome outcome) {
			Exchange exchange = outcome.exchange();
			this.requests++;
			this.latencies.record(exchange.nanos());
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

		static LoopResult of(List<Worker> workers, Duration window) {
			long requests = 0;
			long ok = 0;
			long rateLimited = 0;
			long failed = 0;
			long units = 0;
			String rateLimit = "";
			String firstFailure = "";
			List<LatencySamples> samples = new ArrayList<>();
			for (Worker worker : workers) {
				requests += worker.requests;
				ok += worker.ok;
				rateLimited += worker.rateLimited;
				failed += worker.failed;
				units += worker.units;
				rateLimit = worker.rateLimit.isEmpty() ? rateLimit : worker.rateLimit;
				firstFailure = firstFailure.isEmpty() ? worker.firstFailure : firstFailure;
				samples.add(worker.latencies);
			}
			return new LoopResult(window.toNanos() / 1e9, requests, ok, rateLimited, failed, units,
					LatencySamples.merge(samples).summary(), rateLimit, firstFailure);
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
