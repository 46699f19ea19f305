package io.cdp.ingest.publish;

import java.time.Duration;

/**
 * Kafka did not take the events in time (broker unreachable, buffer full, acknowledgement
 * late). Answered with 503 and {@code Retry-After}: the SDKs keep the events and retry,
 * and since events are keyed and deduplicated by messageId, a retry of events that did
 * reach Kafka after all is harmless.
 */
public class IngestUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	public IngestUnavailableException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long clients should wait before retrying. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
