package io.cdp.gateway.access;

import java.util.Optional;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.access.AccessRules.Access;
import io.cdp.gateway.access.AccessRules.Rule;
import io.cdp.gateway.apikey.ApiKey;
import io.cdp.gateway.apikey.ApiKeyRegistry;
import io.cdp.gateway.apikey.Scope;
import io.cdp.gateway.system.Problems;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Checks every request against {@link AccessRules}: a missing, unknown or revoked API key
 * gets a 401, a key without the scope the path needs a 403, both as problem details. A
 * request let through by its key names its {@link Caller}, which the rate limit, the
 * access log and the {@link CallerHeader caller header} sent upstream
 * ({@link UpstreamCallerHeaders}) go by.
 */
@Component
class AccessFilter implements WebFilter, Ordered {

	/** After the request id and the size limit, before the rate limit. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final ApiKeyRegistry keys;

	private final Problems problems;

	AccessFilter(ApiKeyRegistry keys, Problems problems) {
		this.keys = keys;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Rule rule = AccessRules.of(request.getPath().pathWithinApplication());
		if (rule.access() != Access.API_KEY) {
			return chain.filter(exchange);
		}
		String presented = bearer(request);
		Optional<ApiKey> key = (presented != null) ? this.keys.authenticate(presented) : Optional.empty();
		if (key.isEmpty()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cdp\"");
			return this.problems.write(exchange, ProblemType.API_KEY_REQUIRED,
					"A valid API key is required: Authorization: Bearer <api key>");
		}
		Caller caller = new Caller(key.get().name(), key.get().scopes());
		Optional<Scope> needed = rule.scope();
		if (needed.isPresent() && !caller.scopes().contains(needed.get())) {
			return this.problems.write(exchange, ProblemType.INSUFFICIENT_SCOPE,
					"The API key " + caller.keyName() + " lacks the scope " + needed.get().wireName());
		}
		caller.attachTo(exchange);
		return chain.filter(exchange);
	}

	private static @Nullable String bearer(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String key = authorization.substring(7).strip();
		return key.isEmpty() ? null : key;
	}

}
