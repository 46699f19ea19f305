package io.cdp.gateway.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;

import io.cdp.web.problem.ProblemType;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Why a routed request got no answer from its upstream service, as the status the client
 * gets:
 * <ul>
 * <li>503 {@code upstream-unavailable}: no connection (refused, no route, unknown host,
 * or not within the connect timeout); nothing reached the service, and it is usually back
 * soon (a restart, a deployment);</li>
 * <li>504 {@code upstream-timeout}: connected, but no response within the route's
 * response timeout;</li>
 * <li>502 {@code upstream-failed}: any other I/O failure, such as a connection reset or
 * closed before the response was complete.</li>
 * </ul>
 * The failure is found anywhere in the cause chain, since the retry filter wraps the last
 * one when its retries are used up.
 *
 * @param type the problem type, which gives the status for the client
 * @param service the route's id, which names the upstream service
 */
record UpstreamFailure(ProblemType type, String service) {

	/** How deep a cause chain is searched; real ones are two or three deep. */
	private static final int MAX_DEPTH = 16;

	/**
	 * The upstream failure behind the exception, if the exchange was routed and the
	 * exception is one.
	 */
	static Optional<UpstreamFailure> of(Throwable ex, ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return Optional.empty();
		}
		String service = route.getId();
		boolean io = false;
		Throwable cause = ex;
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
			if (isUnreachable(cause)) {
				return Optional.of(new UpstreamFailure(ProblemType.UPSTREAM_UNAVAILABLE, service));
			}
			if (isTimeout(cause)) {
				return Optional.of(new UpstreamFailure(ProblemType.UPSTREAM_TIMEOUT, service));
			}
			io |= cause instanceof IOException;
		}
		return io ? Optional.of(new UpstreamFailure(ProblemType.UPSTREAM_FAILED, service)) : Optional.empty();
	}

	/** The status for the client. */
	HttpStatus status() {
		return this.type.status();
	}

	/** What the client is told, without the exception's text (addresses, ports). */
	String detail() {
		return switch (this.type) {
			case UPSTREAM_UNAVAILABLE -> "The " + this.service + " cannot be reached; retry later";
			case UPSTREAM_TIMEOUT -> "The " + this.service + " did not answer in time; retry later";
			default -> "The " + this.service + " failed to answer";
		};
	}

	/** Whether a client should retry after a pause, told by {@code Retry-After}. */
	boolean retryLater() {
		return this.type != ProblemType.UPSTREAM_FAILED;
	}

	private static boolean isUnreachable(@Nullable Throwable cause) {
		// Netty's connect timeout is a ConnectException too.
		return cause instanceof ConnectException || cause instanceof NoRouteToHostException
				|| cause instanceof UnknownHostException;
	}

	private static boolean isTimeout(Throwable cause) {
		return cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException
				|| cause instanceof ReadTimeoutException;
	}

}
