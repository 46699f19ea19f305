package io.cdp.gateway.traffic;

import io.cdp.gateway.system.RequestIdLogging;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends the request id to the upstream service, as the gateway builds the request it
 * forwards. The gateway copies the headers for that request anyway; setting the id there
 * spares every request a mutated copy of itself.
 */
@Component
class UpstreamRequestId implements HttpHeadersFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		String requestId = RequestIdLogging.of(exchange);
		if (requestId == null || requestId.equals(input.getFirst(RequestIdFilter.HEADER))) {
			return input;
		}
		HttpHeaders forwarded = HttpHeaders.copyOf(input);
		forwarded.set(RequestIdFilter.HEADER, requestId);
		return forwarded;
	}

}
