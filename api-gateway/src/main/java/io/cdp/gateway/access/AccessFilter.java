package io.cdp.gateway.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.access.AccessRules.Access;
import io.cdp.gateway.access.AccessRules.Rule;
import io.cdp.gateway.apikey.ApiKey;
import io.cdp.gateway.apikey.ApiKeyRegistry;
import io.cdp.gateway.apikey.Scope;
import io.cdp.gateway.system.Problems;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * gets a 401, a key without the scope the path needs a 403, both as problem details.
 * Whatever the path, a client's own {@code X-CDP-Caller*} headers never reach a service;
 * for API-key requests the client's {@code Authorization} is replaced by the gateway's
 * signed {@link CallerHeader caller header}. Ingest requests keep their
 * {@code Authorization}, which carries the write key.
 */
@Component
class AccessFilter implements WebFilter, Ordered {

	/** After the request id and the size limit, before the rate limit. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);

	private static final String CALLER_HEADER_PREFIX = CallerHeader.NAME.toLowerCase(Locale.ROOT);

	private final ApiKeyRegistry keys;

	private final Problems problems;

	private final CallerHeader signature;

	private final Clock clock;

	AccessFilter(ApiKeyRegistry keys, Problems problems, CallerProperties properties) {
		this.keys = keys;
		this.problems = problems;
		this.signature = new CallerHeader(secret(properties.internalSecret()));
		this.clock = Clock.systemUTC();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Rule rule = AccessRules.of(request.getPath().pathWithinApplication().value());
		if (rule.access() != Access.API_KEY) {
			return chain.filter(exchange.mutate().request(withoutCallerHeaders(request).build()).build());
		}
		Optional<ApiKey> key = bearer(request).flatMap(this.keys::authenticate);
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
		ServerHttpRequest forwarded = withoutCallerHeaders(request).headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.set(CallerHeader.NAME, this.signature.write(caller.keyName(),
					caller.scopes().stream().map(Scope::wireName).collect(Collectors.toSet()), this.clock.instant()));
		}).build();
		return chain.filter(exchange.mutate().request(forwarded).build());
	}

	private static ServerHttpRequest.Builder withoutCallerHeaders(ServerHttpRequest request) {
		return request.mutate().headers((headers) -> {
			List<String> spoofed = headers.headerNames()
				.stream()
				.filter((name) -> name.toLowerCase(Locale.ROOT).startsWith(CALLER_HEADER_PREFIX))
				.toList();
			spoofed.forEach(headers::remove);
		});
	}

	private static Optional<String> bearer(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		String key = authorization.substring(7).strip();
		return key.isEmpty() ? Optional.empty() : Optional.of(key);
	}

	private static String secret(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		log.warn("No internal secret is configured (CDP_INTERNAL_SECRET): the caller header is signed with a "
				+ "random secret of this process that no service can verify");
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

}
