package io.cdp.bench.stack;

import java.time.Duration;

/** Waits between two polls of something the benchmark waits for. */
public final class Pause {

	private Pause() {
	}

	/**
	 * Waits.
	 * @param duration how long
	 * @throws IllegalStateException if interrupted
	 */
	public static void of(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
