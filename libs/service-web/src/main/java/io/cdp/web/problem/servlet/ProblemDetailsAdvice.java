package io.cdp.web.problem.servlet;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a Spring MVC service as RFC 9457 problem details with a type of the
 * {@link ProblemType catalogue}. Domain exceptions carry their own problem
 * ({@link ProblemException}) and are answered by Spring's handling of
 * {@code ErrorResponseException}, with their headers. Client faults (4xx) say what to fix
 * and name the invalid fields; server faults never carry a stack trace or a secret. A
 * feature that maps another exception of its own (a database outage of one API) does so
 * in an advice ordered ahead of this one.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI BLANK = URI.create("about:blank");

	private final ProblemProperties properties;

	/**
	 * Creates the advice.
	 * @param properties how errors Spring answers by itself are named
	 */
	public ProblemDetailsAdvice(ProblemProperties properties) {
		this.properties = properties;
	}

	/**
	 * Tomcat refuses a query string or form it cannot decode (an invalid percent-escape,
	 * bytes that are not UTF-8) when a parameter is first read.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> malformedParameters(InvalidParameterException ex) {
		return answer(new ProblemException(ProblemType.INVALID_REQUEST,
				"The query string is malformed: an invalid percent-escape or bytes that are not UTF-8"));
	}

	/** Anything else is a fault of the service: logged, answered without its text. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected error while handling a request", ex);
		return answer(internalError());
	}

	/**
	 * The answer to an unexpected fault, for a feature's advice that maps some of an
	 * exception type's instances and leaves the rest a fault; log the fault first.
	 * @return a 500 {@code internal-error} saying the fault was logged
	 */
	public static ProblemException internalError() {
		return new ProblemException(ProblemType.INTERNAL_ERROR, "The request could not be handled; it was logged");
	}

	/**
	 * A JSON body Spring could not bind: malformed, or a value of the wrong type, named
	 * by its path when Jackson knows it.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getCause() instanceof JacksonException json) ? path(json) : null;
		String detail = (field != null) ? field + " has the wrong type or format"
				: "The body is missing or not valid JSON";
		ProblemException problem = new ProblemException(ProblemType.INVALID_REQUEST, detail);
		if (field != null) {
			problem.withField(field).withErrors(Map.of(field, detail));
		}
		return answerAsObject(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String message = ex.getParameterName() + " is required";
		return answerAsObject(invalidParameter(ex.getParameterName(), message));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String parameter = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT)
				: "another type";
		String message = parameter + " must be " + (expected.equals("integer") ? "an integer" : "a " + expected);
		return answerAsObject(invalidParameter(parameter, message));
	}

	/**
	 * Errors Spring MVC answers by itself (unknown path, method not allowed, not
	 * acceptable) get a type named after their status instead of {@code about:blank},
	 * unless the service keeps {@code about:blank} ({@link ProblemProperties}).
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (this.properties.nameFrameworkErrors() && response != null
				&& response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || BLANK.equals(problem.getType()))) {
			problem.setType(ProblemType.uriForStatus(statusCode.value()));
		}
		return response;
	}

	private static ProblemException invalidParameter(String parameter, String message) {
		return new ProblemException(ProblemType.INVALID_PARAMETER, message).with("errors", Map.of(parameter, message));
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemException problem) {
		return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
	}

	private static ResponseEntity<Object> answerAsObject(ProblemException problem) {
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.body((Object) problem.getBody());
	}

	private static @Nullable String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? null : path.toString();
	}

}
