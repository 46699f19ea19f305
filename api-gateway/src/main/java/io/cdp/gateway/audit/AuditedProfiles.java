package io.cdp.gateway.audit;

import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.caller.AuditHeader;
import io.cdp.gateway.route.UpstreamHeaderContributor;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The profiles a service's answer is about, from its {@value AuditHeader#NAME} header,
 * kept with the exchange for the audit. Only the answer counts: a client that sends the
 * header itself has it dropped from the request the gateway forwards, and the gateway
 * never reads it from a request. The answer's header never reaches the client either
 * ({@code route/UpstreamHeaders} drops every internal {@code X-CDP-*} header).
 */
@Component
class AuditedProfiles implements UpstreamHeaderContributor {

	private static final String ATTRIBUTE = AuditedProfiles.class.getName();

	private static final String PREFIX = "X-CDP-Audit";

	/** The profile ids the service named in its answer to this exchange, if any. */
	static List<String> of(ServerWebExchange exchange) {
		return exchange.getAttributeOrDefault(ATTRIBUTE, List.of());
	}

	@Override
	public void contribute(HttpHeaders forwarded, ServerWebExchange exchange) {
		List<String> spoofed = null;
		for (String name : forwarded.headerNames()) {
			if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
				if (spoofed == null) {
					spoofed = new ArrayList<>(1);
				}
				spoofed.add(name);
			}
		}
		if (spoofed != null) {
			spoofed.forEach(forwarded::remove);
		}
	}

	@Override
	public void answered(HttpHeaders answer, ServerWebExchange exchange) {
		List<String> values = answer.get(AuditHeader.NAME);
		List<String> profileIds = (values != null) ? AuditHeader.read(String.join(",", values)) : List.of();
		if (profileIds.isEmpty()) {
			// A retried request keeps only what its last answer named.
			exchange.getAttributes().remove(ATTRIBUTE);
		}
		else {
			exchange.getAttributes().put(ATTRIBUTE, profileIds);
		}
	}

}
