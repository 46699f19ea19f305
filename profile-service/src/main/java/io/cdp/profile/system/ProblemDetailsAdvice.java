package io.cdp.profile.system;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import io.cdp.profile.api.InvalidParameterException;
import io.cdp.profile.api.ProfileNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
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
