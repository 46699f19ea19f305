package io.cdp.gateway.route;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamUrlFilterTests {

	/**
	 * Request targets as clients send them: encoded parts, odd queries, matrix params.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/v1/track", "/v1/profiles/lookup?identifier=email%3AN.Tanaka%40Example.Net",
			"/v1/profiles/p%2F1/events?limit=10&before=2026-12-01T00%3A00%3A00Z", "/v1/profiles?q=a+b&x=%20y",
			"/v1/profiles/caf%C3%A9", "/v1/profiles/a;b=c", "/v1/profiles/lookup?identifier=phone:415.555.0020",
			"/v1/profiles/lookup?", "/v1/profiles/lookup?a=1&a=2&b", "/v1/admin/sources/src_1?x=%E2%82%AC" })
	void shouldSendTheRequestToTheServiceAsTheDefaultFilterDoes(String target) {
		for (String service : new String[] { "http://127.0.0.1:8082", "http://profile-service:8082/ignored",
				"https://ingest.internal", "http://[::1]:8081" }) {
			URI request = URI.create("http://gateway.example:8080" + target);

			URI ours = filtered(new UpstreamUrlFilter(), service, request);

			assertThat(ours).isEqualTo(filtered(new RouteToRequestUrlFilter(), service, request));
			String expectedTarget = target.endsWith("?") ? target.substring(0, target.length() - 1) : target;
			assertThat(ours.toASCIIString())
				.endsWith(URI.create(service).getHost() + ":" + ours.getPort() + expectedTarget);
		}
	}

	private static URI filtered(GlobalFilter filter, String service, URI request) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.GET, request));
		exchange.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
					Route.async().id("service").uri(URI.create(service)).predicate((any) -> true).build());
		AtomicReference<URI> sent = new AtomicReference<>();
		GatewayFilterChain chain = (routed) -> {
			sent.set(routed.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
			return Mono.empty();
		};
		filter.filter(exchange, chain).block();
		return sent.get();
	}

}
