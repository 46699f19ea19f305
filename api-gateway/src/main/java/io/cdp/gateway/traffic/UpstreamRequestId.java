package io.cdp.gateway.traffic;

import io.cdp.gateway.route.UpstreamHeaderContributor;
import io.cdp.gateway.system.RequestIdLogging;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends the request id to the upstream service, set on the gateway's copy of the headers
 * as it builds the request it forwards, so that no request is copied for it.
 */
@Component
class UpstreamRequestId implements UpstreamHeaderContributor {

	@Override
	public void contribute(HttpHeaders forwarded, ServerWebExchange exchange) {
		String requestId = RequestIdLogging.of(exchange);
		if (requestId != null) {
			forwarded.set(RequestIdFilter.HEADER, requestId);
		}
	}

}
