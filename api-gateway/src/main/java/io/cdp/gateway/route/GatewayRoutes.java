package io.cdp.gateway.route;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;

import io.cdp.gateway.route.RouteProperties.Upstream;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * One route per service, with the id of the service. The routes are built in code rather
 * than YAML so that the ingest path list in {@link IngestPaths} is the one the access
 * rules use too; the addresses, timeouts and retries stay configuration.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

	static final String INGEST = "ingest-service";

	static final String PROFILE = "profile-service";

	private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

	@Bean
	RouteLocator routes(RouteLocatorBuilder builder, RouteProperties properties) {
		return builder.routes()
			.route(INGEST, (route) -> route
				.path(Stream.concat(IngestPaths.PATTERNS.stream(), IngestPaths.ADMIN_PATTERNS.stream())
					.toArray(String[]::new))
				.filters((filters) -> retryGets(filters, properties.ingest()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.ingest().connectTimeout().toMillis())
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.ingest().responseTimeout().toMillis())
				.uri(properties.ingest().uri()))
			.route(PROFILE, (route) -> route.path("/v1/profiles", "/v1/profiles/**")
				.filters((filters) -> retryGets(filters, properties.profile()))
				.metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, properties.profile().connectTimeout().toMillis())
				.metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, properties.profile().responseTimeout().toMillis())
				.uri(properties.profile().uri()))
			.build();
	}

	/**
	 * Retries only {@code GET}s, which change nothing, so a tracking call or an admin
	 * change never runs twice. A response timeout is not retried: the timeout bounds what
	 * the client waits. Connection failures are, after a short backoff, so a GET to a
	 * service that is down answers within the retries times the connect timeout.
	 */
	private static GatewayFilterSpec retryGets(GatewayFilterSpec filters, Upstream upstream) {
		if (upstream.retries() == 0) {
			return filters;
		}
		return filters.retry((retry) -> retry.setRetries(upstream.retries())
			.setMethods(HttpMethod.GET)
			.setSeries()
			.setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
			// I/O failures only: the default list also has the response timeout.
			.setExceptions(IOException.class)
			.setBackoff(RETRY_BACKOFF, RETRY_BACKOFF.multipliedBy(4), 2, false));
	}

}
