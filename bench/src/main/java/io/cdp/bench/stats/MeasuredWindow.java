package io.cdp.bench.stats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A warm-up and then the window in which results count, shared by the workers of one
 * closed-loop phase: a worker runs while the window is {@link #open}, and counts only
 * what completes {@link #inside} it, so a rate is what was sustained, not what was
 * queued.
 *
 * @param start when the warm-up starts, {@link System#nanoTime()}
 * @param end when the window closes
 * @param seconds the window's length
 */
public record MeasuredWindow(long start, long end, double seconds) {

	/**
	 * A window starting after the warm-up, from now.
	 * @param warmup how long before counting starts
	 * @param window how long counting lasts
	 * @return the window
	 */
	public static MeasuredWindow after(Duration warmup, Duration window) {
		long start = System.nanoTime() + warmup.toNanos();
		return new MeasuredWindow(start, start + window.toNanos(), window.toNanos() / 1e9);
	}

	/**
	 * Whether a worker should go on: the window has not closed yet.
	 * @return true until the end
	 */
	public boolean open() {
		return System.nanoTime() < this.end;
	}

	/**
	 * Whether something that completed at a time counts.
	 * @param nanoTime when it completed, {@link System#nanoTime()}
	 * @return true inside the window
	 */
	public boolean inside(long nanoTime) {
		return nanoTime >= this.start && nanoTime <= this.end;
	}

	/**
	 * Runs workers, each on a daemon thread of its own, and waits until all have
	 * returned.
	 * @param name the threads' name, numbered
	 * @param workers the workers
	 * @throws IllegalStateException if interrupted while waiting
	 */
	public static void runAll(String name, List<? extends Runnable> workers) {
		CountDownLatch done = new CountDownLatch(workers.size());
		for (int index = 0; index < workers.size(); index++) {
			Runnable worker = workers.get(index);
			Thread.ofPlatform().name(name + "-" + index).daemon().start(() -> {
				try {
					worker.run();
				}
				finally {
					done.countDown();
				}
			});
		}
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + name + " ran", ex);
		}
	}

}
