package io.cdp.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.cdp.gateway.access.Caller;
import io.cdp.gateway.ratelimit.TokenBucket.Decision;
import io.cdp.gateway.route.IngestPaths;
import io.cdp.gateway.system.Problems;
import io.cdp.web.problem.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies the rate limits after the access check: by API key name for API-key requests,
 * by write key on the ingest paths. Requests with neither (health probes, ingest calls
 * whose write key is only in the body) are not limited here.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

	private final RateLimiter limiter;

	private final Problems problems;

	RateLimitFilter(RateLimiter limiter, Problems problems) {
		this.limiter = limiter;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		// Right after the access filter (HIGHEST_PRECEDENCE + 100), which names the
		// caller.
		return Ordered.HIGHEST_PRECEDENCE + 200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Optional<Mono<Decision>> decision = Caller.of(exchange)
			.map((caller) -> this.limiter.forApiKey(caller.keyName()))
			.or(() -> writeKey(exchange.getRequest()).map((writeKey) -> this.limiter.forWriteKey(sha256(writeKey))));
		if (decision.isEmpty()) {
			return chain.filter(exchange);
		}
		return decision.get().flatMap((taken) -> apply(taken, exchange, chain));
	}

	private Mono<Void> apply(Decision decision, ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("RateLimit-Limit", Integer.toString(decision.limit()));
		headers.set("RateLimit-Remaining", Integer.toString(decision.remaining()));
		headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
		if (decision.allowed()) {
			return chain.filter(exchange);
		}
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		return this.problems.write(
				exchange, ProblemType.RATE_LIMITED, "The rate limit of " + decision.limit()
						+ " requests is used up; retry after " + decision.retryAfterSeconds() + " s",
				Map.of("limit", decision.limit()));
	}

	private static Optional<String> writeKey(ServerHttpRequest request) {
		if (!IngestPaths.matches(request.getPath().pathWithinApplication())) {
			return Optional.empty();
		}
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				String user = (colon >= 0) ? decoded.substring(0, colon) : decoded;
				if (!user.isEmpty()) {
					return Optional.of(user);
				}
			}
			catch (IllegalArgumentException ex) {
				// Not Base64: the ingest-service answers it with a 401 of its own.
			}
		}
		return Optional.ofNullable(request.getQueryParams().getFirst("writeKey")).filter((key) -> !key.isBlank());
	}

	/**
	 * Buckets are keyed by the hash, so no write key is held in memory longer than a
	 * request.
	 */
	private static String sha256(String writeKey) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(writeKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
