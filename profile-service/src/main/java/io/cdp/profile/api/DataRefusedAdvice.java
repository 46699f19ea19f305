package io.cdp.profile.api;

import java.sql.SQLException;

import io.cdp.web.problem.servlet.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A value PostgreSQL refused as data came from the request
 * ({@link UnsearchableValueException}); any other database failure of the profile API is
 * a fault. The parameters are checked before any query, so this is a safety net; it is
 * logged so that the missing check gets added. Ahead of the general advice, and only for
 * this API.
 */
@RestControllerAdvice(assignableTypes = ProfileController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DataRefusedAdvice {

	private static final Logger log = LoggerFactory.getLogger(DataRefusedAdvice.class);

	@ExceptionHandler
	ErrorResponse dataRefused(DataAccessException ex) {
		if (!(ex.getMostSpecificCause() instanceof SQLException sql) || sql.getSQLState() == null
				|| !sql.getSQLState().startsWith("22")) {
			log.error("Unexpected error while handling a request", ex);
			return ProblemDetailsAdvice.internalError();
		}
		// The state only: PostgreSQL's message quotes the value, which may be personal.
		log.warn("PostgreSQL refused a value of a request (SQLSTATE {})", sql.getSQLState());
		return new UnsearchableValueException(ex);
	}

}
