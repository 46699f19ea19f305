package io.cdp.ingest.deadletter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database failure of the dead-letter API means its store is unavailable
 * ({@link DeadLetterStoreUnavailableException}), not a fault of the service. Ahead of the
 * general advice, and only for this API.
 */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterStoreUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterStoreUnavailableAdvice.class);

	@ExceptionHandler
	ErrorResponse databaseUnavailable(DataAccessException ex) {
		log.warn("The dead-letter store cannot be read or written: {}", ex.getMostSpecificCause().getMessage());
		return new DeadLetterStoreUnavailableException(ex);
	}

}
