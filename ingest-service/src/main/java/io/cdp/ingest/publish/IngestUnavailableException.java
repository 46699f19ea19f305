package io.cdp.ingest.publish;

import java.time.Duration;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * Kafka did not take the events in time (broker unreachable, buffer full, acknowledgement
 * late). Answered with 503 and {@code Retry-After}: the SDKs keep the events and retry,
 * and since events are keyed and deduplicated by messageId, a retry of events that did
 * reach Kafka after all is harmless.
 */
class IngestUnavailableException extends ProblemException {

	private final Duration retryAfter;

	public IngestUnavailableException(String message, Duration retryAfter, Throwable cause) {
		super(ProblemType.INGEST_UNAVAILABLE, message, cause);
		this.retryAfter = retryAfter;
		withHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	/** How long clients should wait before retrying. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
