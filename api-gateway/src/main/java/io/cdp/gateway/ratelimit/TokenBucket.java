package io.cdp.gateway.ratelimit;

import io.cdp.gateway.ratelimit.RateLimitProperties.Bucket;

/**
 * A token bucket refilled continuously. Times are {@link System#nanoTime()} values passed
 * in, so tests need no clock and no sleeping.
 */
final class TokenBucket {

	private final int capacity;

	private final double tokensPerNano;

	private double tokens;

	private long updatedAt;

	TokenBucket(Bucket settings, long now) {
		this.capacity = settings.capacity();
		this.tokensPerNano = (double) settings.refillTokens() / settings.refillPeriod().toNanos();
		this.tokens = this.capacity;
		this.updatedAt = now;
	}

	/** Takes one token if there is one. */
	synchronized Decision take(long now) {
		refill(now);
		boolean allowed = this.tokens >= 1;
		if (allowed) {
			this.tokens -= 1;
		}
		long untilNextToken = allowed ? 0 : (long) Math.ceil((1 - this.tokens) / this.tokensPerNano);
		long untilFull = (long) Math.ceil((this.capacity - this.tokens) / this.tokensPerNano);
		return new Decision(allowed, this.capacity, (int) Math.floor(this.tokens), untilNextToken, untilFull);
	}

	/** Whether the bucket is full, so forgetting it changes nothing. */
	synchronized boolean full(long now) {
		refill(now);
		return this.tokens >= this.capacity;
	}

	private void refill(long now) {
		long elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
		this.updatedAt = now;
	}

	/**
	 * The outcome of one request.
	 *
	 * @param allowed whether the request may pass
	 * @param limit the bucket's capacity
	 * @param remaining whole tokens left
	 * @param nanosUntilNextToken how long until a refused request could pass
	 * @param nanosUntilFull how long until the bucket is full again
	 */
	record Decision(boolean allowed, int limit, int remaining, long nanosUntilNextToken, long nanosUntilFull) {

		long retryAfterSeconds() {
			return Math.max(1, ceilSeconds(this.nanosUntilNextToken));
		}

		long resetSeconds() {
			return ceilSeconds(this.nanosUntilFull);
		}

		private static long ceilSeconds(long nanos) {
			return (nanos + 999_999_999L) / 1_000_000_000L;
		}

	}

}
