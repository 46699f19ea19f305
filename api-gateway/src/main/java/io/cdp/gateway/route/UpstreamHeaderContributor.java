package io.cdp.gateway.route;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Adds to, or takes from, the headers of a request the gateway forwards to a service. The
 * headers are the gateway's own copy of the client's, already without hop-by-hop and
 * forwarding headers ({@link UpstreamHeaders}), and may be changed in place: no
 * contributor copies them again. A contributor may also read the service's answer before
 * it goes back to the client ({@link #answered}).
 */
public interface UpstreamHeaderContributor {

	/**
	 * Changes the headers to forward for this exchange.
	 * @param forwarded the headers the upstream request will carry, mutable
	 * @param exchange the client's exchange
	 */
	void contribute(HttpHeaders forwarded, ServerWebExchange exchange);

	/**
	 * Reads the headers of the service's answer, internal ones included: headers named
	 * {@code X-CDP-*} are between the gateway and the services and never reach the
	 * client. Nothing by default.
	 * @param answer the headers of the service's answer, not to be changed
	 * @param exchange the client's exchange
	 */
	default void answered(HttpHeaders answer, ServerWebExchange exchange) {
	}

}
