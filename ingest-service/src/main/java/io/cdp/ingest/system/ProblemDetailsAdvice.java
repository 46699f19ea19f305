package io.cdp.ingest.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.event.EventContentRules;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.collect.PayloadTooLargeException;
import io.cdp.ingest.collect.UnsupportedMediaTypeException;
import io.cdp.ingest.mapping.SourceMismatchException;
import io.cdp.ingest.publish.IngestUnavailableException;
import io.cdp.ingest.source.UnknownWriteKeyException;
import io.cdp.ingest.webhook.WebhookSignatureException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the ingest service as RFC 9457 problem details, with a stable
 * {@code type} per problem and the invalid fields named. Client faults (4xx) say what to
 * fix; server faults never carry a stack trace or a secret. The status codes are the ones
 * SDKs act on: 400 is never retried, 429 and 503 are retried after {@code Retry-After}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "https://cdp.example.com/problems/";

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
		fields(problem, ex.field(), ex.errors());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException ex) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				ex.getMessage());
		problem.setProperty("limit", ex.limit());
		problem.setProperty("maxBytes", ex.maximum().toBytes());
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupportedMediaType(UnsupportedMediaTypeException ex) {
		ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				"Unsupported media type", ex.getMessage());
		problem.setProperty("supported", ex.supported());
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem);
	}

	/**
	 * Tomcat refuses a query string or form it cannot decode (an invalid percent-escape,
	 * bytes that are not UTF-8) when a parameter is first read.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> malformedParameters(InvalidParameterException ex) {
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					"The query string is malformed: an invalid percent-escape or bytes that are not UTF-8"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknownWriteKey(UnknownWriteKeyException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdp\"")
			.body(problem(HttpStatus.UNAUTHORIZED, "invalid-write-key", "Invalid write key", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyOfAnotherSource(SourceMismatchException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(problem(HttpStatus.FORBIDDEN, "write-key-of-another-source", "Write key of another source",
					ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> badSignature(WebhookSignatureException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(problem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid webhook signature", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(IngestUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "ingest-unavailable", "Ingest temporarily unavailable",
					ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(problem(HttpStatus.NOT_FOUND, ex.problemType(), ex.title(), ex.getMessage()));
	}

	/**
	 * A JSON body Spring could not bind (admin requests): malformed, or a value of the
	 * wrong type, named by its path when Jackson knows it.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getCause() instanceof JacksonException json) ? path(json) : null;
		String detail = (field != null) ? field + " has the wrong type or format"
				: "The body is missing or not valid JSON";
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		if (field != null) {
			fields(problem, field, Map.of(field, detail));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected error while handling a request", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
					"The request could not be handled; it was logged"));
	}

	/**
	 * Builds a problem. The detail may quote what a client sent, so it is made
	 * well-formed text first: a NUL or a lone surrogate must not break the answer's JSON.
	 */
	static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				(detail != null) ? EventContentRules.wellFormed(detail) : null);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
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

	private static void fields(ProblemDetail problem, @Nullable String field, Map<String, String> errors) {
		if (field != null) {
			problem.setProperty("field", EventContentRules.wellFormed(field));
		}
		if (!errors.isEmpty()) {
			Map<String, String> wellFormed = new LinkedHashMap<>();
			errors.forEach((name, message) -> wellFormed.put(EventContentRules.wellFormed(name),
					EventContentRules.wellFormed(message)));
			problem.setProperty("errors", wellFormed);
		}
	}

}
