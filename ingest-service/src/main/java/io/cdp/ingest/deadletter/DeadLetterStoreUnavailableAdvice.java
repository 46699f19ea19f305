package io.cdp.ingest.deadletter;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dead-letter API while PostgreSQL is away: 503 with {@code Retry-After}, since
 * asking again later helps, instead of the 500 of an unexpected error. Ahead of the
 * service's general advice, and only for this API.
 */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterStoreUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterStoreUnavailableAdvice.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException ex) {
		log.warn("The dead-letter store cannot be read or written: {}", ex.getMostSpecificCause().getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The dead-letter store cannot reach its database right now; retry later");
		problem.setType(URI.create("https://cdp.example.com/problems/dead-letter-store-unavailable"));
		problem.setTitle("Dead-letter store unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

}
