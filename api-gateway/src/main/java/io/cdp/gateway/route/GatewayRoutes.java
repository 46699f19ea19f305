package io.cdp.gateway.route;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cdp.gateway.route.RouteProperties.Upstream;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
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

	/**
	 * The profile route comes first: its patterns are checked before the ingest route's
	 * long list, and most API-key traffic is profile reads. The two routes' paths do not
	 * overlap, so the order decides nothing else.
	 */
	@Bean
	RouteLocator routes(RouteLocatorBuilder builder, RouteProperties properties) {
		return builder.routes()
			.route(PROFILE,
					(route) -> route
						.path("/v1/profiles", "/v1/profiles/**", "/v1/analytics/**", "/v1/admin/identity/**",
								"/v1/admin/profiles/**", "/v1/admin/computed-traits", "/v1/admin/computed-traits/**",
								"/v1/admin/destinations", "/v1/admin/destinations/**", "/v1/admin/audiences",
								"/v1/admin/audiences/**", "/v1/audiences", "/v1/audiences/**", "/v1/admin/privacy",
								"/v1/admin/privacy/**")
						.filters((filters) -> retryGets(filters, properties.profile()))
						.metadata(timeouts(properties.profile(), properties))
						.uri(properties.profile().uri()))
			.route(INGEST,
					(route) -> route
						.path(Stream.concat(IngestPaths.PATTERNS.stream(), IngestPaths.ADMIN_PATTERNS.stream())
							.toArray(String[]::new))
						.filters((filters) -> retryGets(filters, properties.ingest()))
						.metadata(timeouts(properties.ingest(), properties))
						.uri(properties.ingest().uri()))
			.build();
	}

	/**
	 * The connect timeout of the profile-service is the HTTP client's own. A route that
	 * names a connect timeout in its metadata makes the gateway derive a client with that
	 * option for every request it forwards, a copy of the client's whole configuration;
	 * so only a route whose connect timeout differs names it.
	 */
	@Bean
	HttpClientCustomizer connectTimeout(RouteProperties properties) {
		int millis = Math.toIntExact(properties.profile().connectTimeout().toMillis());
		return (client) -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
	}

	/**
	 * The gateway's routing filter (in place of the default one, which
	 * {@code spring.cloud.gateway.server.webflux.global-filter.netty-routing.enabled=false}
	 * turns off), with the headers of forwarded requests and answers made in one copy
	 * each by {@link UpstreamHeaders} rather than by the chain of default header filters.
	 */
	@Bean
	NettyRoutingFilter upstreamRoutingFilter(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> defaults,
			HttpClientProperties properties, List<UpstreamHeaderContributor> contributors) {
		List<HttpHeadersFilter> filters = new UpstreamHeaders(contributors).filters();
		return new NettyRoutingFilter(httpClient, defaults, properties) {

			@Override
			public List<HttpHeadersFilter> getHeadersFilters() {
				return filters;
			}

		};
	}

	/**
	 * The filter that writes the service's answer back, which the default configuration
	 * only makes together with its routing filter.
	 */
	@Bean
	NettyWriteResponseFilter upstreamWriteResponseFilter(GatewayProperties properties,
			ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
		return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headersFilters);
	}

	private static Map<String, Object> timeouts(Upstream upstream, RouteProperties properties) {
		Map<String, Object> metadata = new HashMap<>();
		metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, upstream.responseTimeout().toMillis());
		if (!upstream.connectTimeout().equals(properties.profile().connectTimeout())) {
			metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, upstream.connectTimeout().toMillis());
		}
		return metadata;
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
