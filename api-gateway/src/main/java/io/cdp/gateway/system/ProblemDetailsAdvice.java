package io.cdp.gateway.system;

import java.net.URI;
import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Errors of the gateway's own endpoints (the API key admin) and of its routes as RFC 9457
 * problem details, with a type of the catalogue ({@link ProblemType}): the WebFlux mirror
 * of the services' advice in service-web. Domain exceptions carry their own problem
 * ({@link ProblemException}) and are answered by Spring's handling of
 * {@code ErrorResponseException}, with their headers. An upstream service that cannot be
 * reached, times out or fails is a 503, 504 or 502 naming the service (see
 * {@link UpstreamFailure}), never a 500. Server faults never carry a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/**
	 * How long a client should wait before retrying after a 503 or 504: long enough for a
	 * restarting service, short enough for an SDK's own retry budget.
	 */
	static final long RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI BLANK = URI.create("about:blank");

	/**
	 * Anything else: an upstream failure of a routed request (checked exceptions such as
	 * a refused connection included), or a fault of the gateway.
	 */
	@ExceptionHandler
	Mono<ResponseEntity<ProblemDetail>> unexpected(Exception ex, ServerWebExchange exchange) {
		if (exchange.getResponse().isCommitted()) {
			return answerUnderWay(ex);
		}
		ResponseEntity<ProblemDetail> answer = UpstreamFailure.of(ex, exchange)
			.map((failure) -> upstream(failure, ex, exchange))
			.orElseGet(() -> {
				RequestIdLogging.log(exchange, () -> log.error("Unexpected error while handling a request", ex));
				return ResponseEntity.internalServerError()
					.body(ProblemType.INTERNAL_ERROR.problem("The request could not be handled; it was logged"));
			});
		return Mono.just(answer);
	}

	/** The route's response timeout arrives as a 504 status exception. */
	@Override
	protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (exchange.getResponse().isCommitted()) {
			return answerUnderWay(ex);
		}
		return UpstreamFailure.of(ex, exchange)
			.filter((failure) -> failure.status() == HttpStatus.GATEWAY_TIMEOUT)
			.map((failure) -> {
				ResponseEntity<ProblemDetail> answer = upstream(failure, ex, exchange);
				return Mono.just(ResponseEntity.status(answer.getStatusCode())
					.headers(answer.getHeaders())
					.body((Object) answer.getBody()));
			})
			.orElseGet(() -> super.handleResponseStatusException(ex, headers, status, exchange));
	}

	/**
	 * A body or parameter that cannot be read (malformed JSON, the wrong shape) names
	 * what could not be read, without echoing the parser's message, which quotes the
	 * input.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		String field = "body";
		if (ex.getMethodParameter() != null && !ex.getMethodParameter().hasParameterAnnotation(RequestBody.class)
				&& ex.getMethodParameter().getParameterName() != null) {
			field = ex.getMethodParameter().getParameterName();
		}
		String message = field.equals("body") ? "The request body is not JSON of the expected shape"
				: field + " cannot be read";
		ProblemDetail problem = ProblemType.INVALID_REQUEST.problem(message);
		problem.setProperty("errors", Map.of(field, message));
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	/**
	 * Errors Spring answers itself (no route, method not allowed, unsupported media type)
	 * get a type of the gateway's too, instead of {@code about:blank}.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
			@Nullable HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		return super.handleExceptionInternal(ex, body, headers, status, exchange).doOnNext((response) -> {
			if (response.getBody() instanceof ProblemDetail problem
					&& (problem.getType() == null || BLANK.equals(problem.getType()))) {
				problem.setType(ProblemType.uriForStatus(status.value()));
			}
		});
	}

	/**
	 * A failure after the answer's status and headers went out (the client went away, or
	 * the service's answer broke off while the gateway passed it on): no problem can
	 * replace them, and writing one would change headers that are read-only by then. The
	 * failure goes on, so that the client's connection is closed and an answer cut short
	 * never looks complete; Spring's web handler logs it, a client that went away at
	 * debug level only.
	 */
	private static <T> Mono<T> answerUnderWay(Throwable ex) {
		return Mono.error(ex);
	}

	/**
	 * One line for the operator, with the cause (address, port) the client is not told;
	 * no stack trace, since the cause is the upstream's state, not the gateway's code.
	 */
	private static ResponseEntity<ProblemDetail> upstream(UpstreamFailure failure, Throwable ex,
			ServerWebExchange exchange) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		Throwable root = cause;
		RequestIdLogging.log(exchange, () -> log.warn("Answered {} {}: {} ({})", failure.status().value(),
				failure.type().slug(), failure.service(), root));
		ProblemDetail problem = failure.type().problem(failure.detail());
		problem.setProperty("service", failure.service());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.status());
		if (failure.retryLater()) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
		}
		return response.body(problem);
	}

}
