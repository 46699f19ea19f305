package io.cdp.gateway.traffic;

import java.time.Duration;
import java.util.List;

import io.cdp.gateway.route.IngestPaths;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * CORS, answered here before any credential is checked, since a browser's preflight
 * carries none.
 * <ul>
 * <li>API-key paths: origins from {@link CorsProperties}; a preflight from any other
 * origin gets a 403. Browsers send the key as a bearer token, never a cookie, so
 * credentials are not allowed; a page can read the rate-limit and request-id
 * headers.</li>
 * <li>Tracking calls: any origin, as the ingest-service allows, since tracking snippets
 * run on every site. The gateway answers their preflights (its routing would otherwise
 * answer them without CORS headers); the actual calls pass, and the ingest-service adds
 * the headers to its answers.</li>
 * <li>Webhooks and mapped sources: server-to-server, no CORS.</li>
 * </ul>
 */
@Component
class CorsFilter implements WebFilter, Ordered {

	private final CorsWebFilter apiKeyPaths;

	private final CorsWebFilter trackingPreflights;

	CorsFilter(CorsProperties properties) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(properties.allowedOrigins());
		configuration.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.DELETE.name(),
				HttpMethod.HEAD.name()));
		configuration
			.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, RequestIdFilter.HEADER));
		configuration.setExposedHeaders(List.of(RequestIdFilter.HEADER, HttpHeaders.RETRY_AFTER, "RateLimit-Limit",
				"RateLimit-Remaining", "RateLimit-Reset"));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(properties.maxAge());
		this.apiKeyPaths = new CorsWebFilter((exchange) -> configuration);
		CorsConfiguration tracking = new CorsConfiguration();
		tracking.setAllowedOriginPatterns(List.of("*"));
		tracking.setAllowedMethods(List.of(HttpMethod.POST.name()));
		tracking.setAllowedHeaders(
				List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING));
		tracking.setAllowCredentials(false);
		tracking.setMaxAge(Duration.ofDays(1));
		this.trackingPreflights = new CorsWebFilter((exchange) -> tracking);
	}

	@Override
	public int getOrder() {
		// After the request id and the access log, so refused preflights are logged too.
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		if (IngestPaths.isTracking(path)) {
			return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? this.trackingPreflights.filter(exchange, chain)
					: chain.filter(exchange);
		}
		if (IngestPaths.matches(path)) {
			return chain.filter(exchange);
		}
		return this.apiKeyPaths.filter(exchange, chain);
	}

}
