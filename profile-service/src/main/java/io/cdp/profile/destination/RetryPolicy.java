package io.cdp.profile.destination;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * When a failed delivery is tried again, and whether it is: exponential back-off with
 * full jitter (the wait is random between zero and {@code base * 2^(attempt-1)}, capped
 * at {@code max}, so that receivers coming back are not hit by every sender at once), but
 * never sooner than the receiver's {@code Retry-After} (seconds or an HTTP date, honoured
 * up to six hours).
 *
 * @param base the first retry's largest wait
 * @param max the largest wait before jitter
 */
record RetryPolicy(Duration base, Duration max) {

	/**
	 * The longest {@code Retry-After} honoured: a receiver may not park deliveries for
	 * days.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

	private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

	/** How a receiver's answer is treated. */
	enum Verdict {

		/** A 2xx: the batch is delivered. */
		DELIVERED,

		/** A 408, 425, 429 or 5xx, a timeout or a connection failure: tried again. */
		RETRY,

		/**
		 * Any other status (other 4xx, and 1xx or 3xx, as redirects are not followed):
		 * dead-lettered at once, since sending the same request again cannot succeed.
		 */
		PERMANENT

	}

	/**
	 * The verdict on a status.
	 * @param status the HTTP status
	 * @return what to do
	 */
	static Verdict verdict(int status) {
		if (status >= 200 && status < 300) {
			return Verdict.DELIVERED;
		}
		if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
			return Verdict.RETRY;
		}
		return Verdict.PERMANENT;
	}

	/**
	 * The wait before the next attempt.
	 * @param attempt the number of the attempt that failed, from 1
	 * @param retryAfter the receiver's {@code Retry-After}, if any
	 * @param now the time of the failure
	 * @param random the source of jitter
	 * @return the wait
	 */
	Duration nextWait(int attempt, @Nullable String retryAfter, Instant now, RandomGenerator random) {
		Duration ceiling = ceiling(attempt);
		Duration jittered = Duration.ofNanos((long) (random.nextDouble() * ceiling.toNanos()));
		Duration asked = retryAfter(retryAfter, now).orElse(Duration.ZERO);
		return (asked.compareTo(jittered) > 0) ? asked : jittered;
	}

	/** The largest back-off of an attempt, before jitter. */
	Duration ceiling(int attempt) {
		int doublings = Math.max(0, Math.min(attempt - 1, 40));
		long nanos = this.base.toNanos();
		for (int i = 0; i < doublings && nanos < this.max.toNanos(); i++) {
			nanos *= 2;
		}
		return Duration.ofNanos(Math.min(nanos, this.max.toNanos()));
	}

	/**
	 * Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110).
	 * @param header the value, or null
	 * @param now the time it was received
	 * @return the wait it asks for, at most {@link #MAX_RETRY_AFTER}; empty when absent
	 * or unreadable
	 */
	static Optional<Duration> retryAfter(@Nullable String header, Instant now) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String text = header.strip();
		Duration asked;
		if (SECONDS.matcher(text).matches()) {
			asked = Duration.ofSeconds(Long.parseLong(text));
		}
		else {
			try {
				Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				asked = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}
		return Optional.of((asked.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : asked);
	}

}
