package io.cdp.ingest.deadletter;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * The dead-letter API while PostgreSQL is away: 503 with {@code Retry-After}, since
 * asking again later helps, instead of the 500 of an unexpected error.
 */
class DeadLetterStoreUnavailableException extends ProblemException {

	private static final String RETRY_AFTER_SECONDS = "5";

	DeadLetterStoreUnavailableException(Throwable cause) {
		super(ProblemType.DEAD_LETTER_STORE_UNAVAILABLE,
				"The dead-letter store cannot reach its database right now; retry later", cause);
		withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

}
