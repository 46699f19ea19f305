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
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
 * <p>
 * A request without an {@code Authorization} header may present the console's session
 * cookie instead ({@link ConsoleSessions}), which stands for the key signed in with: same
 * name, same scopes, same rate limit and audit. Browsers send cookies with cross-site
 * form posts too, so a cookie-signed request that could change something (anything but
 * {@code GET}, {@code HEAD} and {@code OPTIONS}) must also carry
 * {@value ConsoleSessions#CONSOLE_HEADER}: a header no cross-site form can set, and which
 * no other origin may send through CORS.
 */
@Component
class AccessFilter implements WebFilter, Ordered {

	/** After the request id and the size limit, before the rate limit. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final ApiKeyRegistry keys;

	private final Problems problems;

	private final ConsoleSessions sessions;

	AccessFilter(ApiKeyRegistry keys, Problems problems, ConsoleSessions sessions) {
		this.keys = keys;
		this.problems = problems;
		this.sessions = sessions;
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
		if (presented == null && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			HttpCookie cookie = request.getCookies().getFirst(this.sessions.cookieName());
			if (cookie != null) {
				return signedInByCookie(exchange, chain, rule, cookie.getValue());
			}
		}
		Optional<ApiKey> key = (presented != null) ? this.keys.authenticate(presented) : Optional.empty();
		return admit(exchange, chain, rule, key.map((found) -> new Caller(found.name(), found.scopes())));
	}

	private Mono<Void> signedInByCookie(ServerWebExchange exchange, WebFilterChain chain, Rule rule, String sessionId) {
		if (!safe(exchange.getRequest().getMethod())
				&& !"1".equals(exchange.getRequest().getHeaders().getFirst(ConsoleSessions.CONSOLE_HEADER))) {
			return this.problems.write(exchange, ProblemType.CONSOLE_HEADER_REQUIRED,
					"A request signed in by the console's session cookie that changes something needs the header "
							+ ConsoleSessions.CONSOLE_HEADER + ": 1");
		}
		return this.sessions.resolve(sessionId).flatMap((caller) -> admit(exchange, chain, rule, caller));
	}

	private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, Rule rule, Optional<Caller> found) {
		if (found.isEmpty()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cdp\"");
			return this.problems.write(exchange, ProblemType.API_KEY_REQUIRED,
					"A valid API key is required: Authorization: Bearer <api key>");
		}
		Caller caller = found.get();
		Optional<Scope> needed = rule.scope();
		if (needed.isPresent() && !caller.scopes().contains(needed.get())) {
			return this.problems.write(exchange, ProblemType.INSUFFICIENT_SCOPE,
					"The API key " + caller.keyName() + " lacks the scope " + needed.get().wireName());
		}
		caller.attachTo(exchange);
		return chain.filter(exchange);
	}

	private static boolean safe(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
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
