package io.cdp.gateway.traffic;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A support console on an allowed origin can call the profile API from the browser: its
 * preflight is answered without a key, and the answers (errors included) are readable by
 * the page. Other origins are refused; the ingest paths' CORS stays with the
 * ingest-service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + CorsIT.BOOTSTRAP_KEY,
				"cdp.gateway.cors.allowed-origins=https://console.example.com,https://*.agents.example.com" })
class CorsIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-cors-tests";

	static final String CONSOLE = "https://console.example.com";

	@Test
	void shouldAnswerAPreflightFromAnAllowedOriginWithoutAKey() {
		int before = profile.count();

		this.client.options()
			.uri("/v1/profiles/p1/events")
			.header(HttpHeaders.ORIGIN, "https://eu.agents.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://eu.agents.example.com")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers).containsIgnoringCase("authorization"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

		assertThat(profile.count()).isEqualTo(before);
	}

	@Test
	void shouldRefuseAPreflightFromAnotherOrigin() {
		this.client.options()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.ORIGIN, "https://evil.example.net")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void shouldLetThePageReadAnswersAndErrors() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "agent-console", "profiles:read");

		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.ORIGIN, CONSOLE)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					(exposed) -> assertThat(exposed).contains("RateLimit-Remaining", "X-Request-Id"));

		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.ORIGIN, CONSOLE)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE);
	}

	@Test
	void shouldPassAnalyticsJsDeliveryMetricsFromAnySiteToTheIngestServiceWithoutAKey() {
		int before = ingest.count();

		this.client.options()
			.uri("/v1/m")
			.header(HttpHeaders.ORIGIN, "https://any-shop.example.org")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://any-shop.example.org");
		assertThat(ingest.count()).isEqualTo(before);

		this.client.post()
			.uri("/v1/m")
			.header(HttpHeaders.ORIGIN, "https://any-shop.example.org")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("{\"series\":[{\"type\":\"Counter\",\"metric\":\"analytics_js.invoke\",\"value\":1,"
					+ "\"tags\":{\"method\":\"track\"}}]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("ingest");
		assertThat(ingest.count()).isEqualTo(before + 1);
		assertThat(ingest.last().uri()).isEqualTo("/v1/m");
		assertThat(ingest.last().header(HttpHeaders.CONTENT_TYPE)).startsWith("text/plain");
	}

	@Test
	void shouldAnswerTrackingPreflightsFromAnySiteAndPassTheCallsToTheIngestService() {
		int before = ingest.count();

		this.client.options()
			.uri("/v1/t")
			.header(HttpHeaders.ORIGIN, "https://any-shop.example.org")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://any-shop.example.org");
		assertThat(ingest.count()).isEqualTo(before);

		this.client.post()
			.uri("/v1/t")
			.header(HttpHeaders.ORIGIN, "https://any-shop.example.org")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		assertThat(ingest.count()).isEqualTo(before + 1);
	}

}
