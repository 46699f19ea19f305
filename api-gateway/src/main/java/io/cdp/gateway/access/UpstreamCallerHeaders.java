package io.cdp.gateway.access;

import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.caller.CallerHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller headers of the request the gateway forwards, set as it builds that request
 * (the gateway copies its headers then anyway, so no request is copied for them before):
 * every client-sent {@code X-CDP-Caller*} header is dropped, on every route; for a
 * request that {@link AccessFilter} let through by its API key, the client's
 * {@code Authorization} is replaced by the signed caller header. Ingest requests keep
 * their {@code Authorization}, which carries the write key.
 */
@Component
class UpstreamCallerHeaders implements HttpHeadersFilter, Ordered {

	private final CallerSignatures signatures;

	UpstreamCallerHeaders(CallerSignatures signatures) {
		this.signatures = signatures;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Caller caller = Caller.of(exchange).orElse(null);
		List<String> spoofed = spoofed(input);
		if (caller == null && spoofed == null) {
			return input;
		}
		HttpHeaders forwarded = HttpHeaders.copyOf(input);
		if (spoofed != null) {
			spoofed.forEach(forwarded::remove);
		}
		if (caller != null) {
			forwarded.remove(HttpHeaders.AUTHORIZATION);
			forwarded.set(CallerHeader.NAME, this.signatures.headerFor(caller));
		}
		return forwarded;
	}

	/** The client's own caller headers, in any case, or null when it sent none. */
	private static @Nullable List<String> spoofed(HttpHeaders headers) {
		List<String> spoofed = null;
		for (String name : headers.headerNames()) {
			if (name.regionMatches(true, 0, CallerHeader.NAME, 0, CallerHeader.NAME.length())) {
				if (spoofed == null) {
					spoofed = new ArrayList<>(1);
				}
				spoofed.add(name);
			}
		}
		return spoofed;
	}

}
