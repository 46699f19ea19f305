package io.cdp.profile.destination;

import java.util.function.LongSupplier;

/**
 * A destination's rate limit: a bucket of at most {@code max(1, rate)} tokens refilled at
 * {@code rate} per second, one token per request. A worker that finds it empty leaves the
 * destination's deliveries for a later round instead of waiting.
 */
final class TokenBucket {

	private final double ratePerSecond;

	private final double capacity;

	private final LongSupplier nanoTime;

	private double tokens;

	private long refilledAt;

	/**
	 * A full bucket.
	 * @param ratePerSecond requests per second, more than zero
	 * @param nanoTime the clock, {@code System::nanoTime} outside tests
	 */
	TokenBucket(double ratePerSecond, LongSupplier nanoTime) {
		this.ratePerSecond = ratePerSecond;
		this.capacity = Math.max(1.0, ratePerSecond);
		this.nanoTime = nanoTime;
		this.tokens = this.capacity;
		this.refilledAt = nanoTime.getAsLong();
	}

	/** The configured rate. */
	double ratePerSecond() {
		return this.ratePerSecond;
	}

	/**
	 * Takes a token if one is there.
	 * @return whether a request may be sent now
	 */
	synchronized boolean tryTake() {
		long now = this.nanoTime.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) / 1e9 * this.ratePerSecond);
		this.refilledAt = now;
		if (this.tokens >= 1.0) {
			this.tokens -= 1.0;
			return true;
		}
		return false;
	}

}
