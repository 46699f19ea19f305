package io.cdp.gateway.route;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Adds to, or takes from, the headers of a request the gateway forwards to a service. The
 * headers are the gateway's own copy of the client's, already without hop-by-hop and
 * forwarding headers ({@link UpstreamHeaders}), and may be changed in place: no
 * contributor copies them again.
 */
public interface UpstreamHeaderContributor {

	/**
	 * Changes the headers to forward for this exchange.
	 * @param forwarded the headers the upstream request will carry, mutable
	 * @param exchange the client's exchange
	 */
	void contribute(HttpHeaders forwarded, ServerWebExchange exchange);

}
