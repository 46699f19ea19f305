package io.cdp.gateway.console;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The headers of every answer under {@code /console}: a Content-Security-Policy that lets
 * the page run only the console's own script files (no inline script or style, no
 * {@code eval}, nothing from another origin, no framing), so that a value an attacker got
 * into a profile cannot run even if it ever reached the page as markup; {@code nosniff},
 * no referrer, and the caching each kind of file allows.
 */
@Component
class ConsoleSecurityHeaders implements WebFilter, Ordered {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
			+ "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	private static final String VERSIONED = "public, max-age=31536000, immutable";

	@Override
	public int getOrder() {
		// Before the access check, so its refusals carry the headers too.
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.equals("/console") && !path.startsWith("/console/")) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Cross-Origin-Opener-Policy", "same-origin");
		headers.set(HttpHeaders.CACHE_CONTROL,
				(path.startsWith(ConsolePages.ASSETS) || path.startsWith(ConsolePages.VENDOR)) ? VERSIONED
						: "no-store");
		return chain.filter(exchange);
	}

}
