package io.cdp.gateway.access;

import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.route.UpstreamHeaderContributor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller headers of the request the gateway forwards, set on the gateway's copy of
 * the headers as it builds that request (so no request is copied for them): every
 * client-sent {@code X-CDP-Caller*} header is dropped, on every route; for a request that
 * {@link AccessFilter} let through by its API key, the client's {@code Authorization} is
 * replaced by the signed caller header, and its cookies (the console's session) are
 * dropped. Ingest requests keep their {@code Authorization}, which carries the write key.
 */
@Component
class UpstreamCallerHeaders implements UpstreamHeaderContributor {

	private final CallerSignatures signatures;

	UpstreamCallerHeaders(CallerSignatures signatures) {
		this.signatures = signatures;
	}

	@Override
	public void contribute(HttpHeaders forwarded, ServerWebExchange exchange) {
		List<String> spoofed = spoofed(forwarded);
		if (spoofed != null) {
			spoofed.forEach(forwarded::remove);
		}
		Caller caller = Caller.of(exchange).orElse(null);
		if (caller != null) {
			forwarded.remove(HttpHeaders.AUTHORIZATION);
			// The console's session cookie is the gateway's credential; the services get
			// none.
			forwarded.remove(HttpHeaders.COOKIE);
			forwarded.set(CallerHeader.NAME, this.signatures.headerFor(caller));
		}
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
