package io.cdp.profile.system;

import java.net.URI;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import io.cdp.profile.api.InvalidParameterException;
import io.cdp.profile.api.ProfileNotFoundException;
import io.cdp.profile.api.RequestBodyNotAcceptedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the profile service as RFC 9457 problem details, with a stable
 * {@code type} per problem. A 400 names each invalid parameter under {@code errors};
 * server faults never carry a stack trace. Errors Spring MVC raises itself (unknown path,
 * wrong method) keep its problem details.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "https://cdp.example.com/problems/";

	private static final URI BLANK = URI.create("about:blank");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex) {
		return ResponseEntity.badRequest().body(invalidParameters(ex.getMessage(), ex.errors()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> profileNotFound(ProfileNotFoundException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "profile-not-found", "Profile not found",
				ex.getMessage());
		if (ex.profileId() != null) {
			problem.setProperty("profileId", ex.profileId());
		}
		if (ex.identifier() != null) {
			problem.setProperty("identifier", ex.identifier());
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> bodyNotAccepted(RequestBodyNotAcceptedException ex) {
		ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"Unsupported media type", ex.getMessage());
		problem.setProperty("errors", Map.of(HttpHeaders.CONTENT_TYPE, ex.getMessage()));
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
	}

	/**
	 * A value PostgreSQL refused as data (SQLSTATE class 22: a character it cannot hold,
	 * a time out of its range) came from the request, since the store's own rows are
	 * valid: a client error. The parameters are checked before any query, so this is a
	 * safety net; it is logged so that the missing check gets added.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> dataRefused(DataAccessException ex) {
		if (!isDataException(ex)) {
			return unexpected(ex);
		}
		// The state only: PostgreSQL's message quotes the value, which may be personal.
		log.warn("PostgreSQL refused a value of a request (SQLSTATE {})",
				((SQLException) ex.getMostSpecificCause()).getSQLState());
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"A value of the request cannot be searched for"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected error while handling a request", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
					"The request could not be handled; it was logged"));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String message = ex.getParameterName() + " is required";
		return ResponseEntity.badRequest().body(invalidParameters(message, Map.of(ex.getParameterName(), message)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String parameter = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT)
				: "another type";
		String message = parameter + " must be " + (expected.equals("integer") ? "an integer" : "a " + expected);
		return ResponseEntity.badRequest().body(invalidParameters(message, Map.of(parameter, message)));
	}

	/**
	 * Errors Spring MVC answers itself (unknown path, method not allowed, not acceptable)
	 * get a type of this service too, named after their status, instead of
	 * {@code about:blank}.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || BLANK.equals(problem.getType()))) {
			problem.setType(URI.create(TYPE_BASE + typeOf(statusCode.value())));
		}
		return response;
	}

	/**
	 * The problem type of an error Spring or Tomcat answers itself: the status's name, as
	 * {@code method-not-allowed}, but for the types this service also raises.
	 */
	static String typeOf(int status) {
		return switch (status) {
			case 400 -> "invalid-request";
			case 413 -> "payload-too-large";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "error";
			}
		};
	}

	private static boolean isDataException(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
				&& sql.getSQLState().startsWith("22");
	}

	private static ProblemDetail invalidParameters(@Nullable String detail, Map<String, String> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
