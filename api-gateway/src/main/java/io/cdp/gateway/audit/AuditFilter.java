package io.cdp.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.cdp.gateway.access.Caller;
import io.cdp.gateway.audit.AuditedRequests.AuditedRequest;
import io.cdp.gateway.system.RequestIdLogging;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records the audit rows of a request once it is answered: for a read, one row per
 * profile the service's answer names ({@link AuditedProfiles}), else the profile id of
 * the path; for an admin change, one row with the id of its path
 * ({@link AuditedRequests}). Only requests let through by an API key and its rate limit
 * reach this filter, so a refused request (401, 403, 429) read nothing and is not
 * recorded; a request the service refused (a profile not found) is, with its status.
 * <p>
 * The rows go to the {@link AuditLog}'s queue: recording never waits for PostgreSQL, and
 * nothing that goes wrong here reaches the client.
 */
@Component
class AuditFilter implements WebFilter, Ordered {

	/** After the access filter and the rate limit, which name and admit the caller. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 300;

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	private final AuditLog auditLog;

	AuditFilter(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Caller caller = Caller.of(exchange).orElse(null);
		if (caller == null) {
			return chain.filter(exchange);
		}
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return chain.filter(exchange).doFinally((signal) -> record(exchange, caller, at));
	}

	private void record(ServerWebExchange exchange, Caller caller, Instant at) {
		try {
			ServerHttpRequest request = exchange.getRequest();
			PathContainer path = request.getPath().pathWithinApplication();
			Optional<AuditedRequest> audited = AuditedRequests.of(request.getMethod(), path);
			List<String> announced = AuditedProfiles.of(exchange);
			if (audited.isEmpty() && announced.isEmpty()) {
				return;
			}
			AuditAction action = audited.map(AuditedRequest::action).orElse(AuditAction.READ);
			String endpoint = audited.map(AuditedRequest::endpoint).orElseGet(() -> AuditedRequests.stored(path));
			String targetId = audited.map(AuditedRequest::targetId).orElse(null);
			List<@Nullable String> profileIds = announced.isEmpty()
					? Collections.singletonList(audited.map(AuditedRequest::profileId).orElse(null))
					: List.copyOf(announced);
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			String requestId = exchange.getAttributeOrDefault(RequestIdLogging.ATTRIBUTE, "-");
			for (String profileId : profileIds) {
				this.auditLog.record(new AuditEntry(at, caller.keyName(), action, profileId, targetId,
						request.getMethod().name(), endpoint, AuditedRequests.stored(path),
						(status != null) ? status.value() : null, requestId));
			}
		}
		catch (RuntimeException ex) {
			// The request is answered already; the audit's fault must not become the
			// client's, but it is a bug to be seen.
			RequestIdLogging.log(exchange, () -> log.error("Could not record the audit of a request", ex));
		}
	}

}
