package io.cdp.gateway.traffic;

import java.time.Duration;
import java.util.List;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + TrafficIT.BOOTSTRAP_KEY,
				"cdp.gateway.requests.max-body-size=1KB" })
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class TrafficIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-traffic-tests";

	@Test
	void shouldRejectABodyOverTheLimitWithoutForwardingIt() {
		int before = ingest.count();

		this.client.post()
			.uri("/v1/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"batch\":\"" + "x".repeat(2048) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/payload-too-large");

		assertThat(ingest.count()).isEqualTo(before);
	}

	@Test
	void shouldRejectAChunkedBodyOverTheLimit() {
		this.client.post()
			.uri("/v1/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Flux.range(0, 64).map((chunk) -> "x".repeat(64)), String.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void shouldForwardABodyWithinTheLimit() {
		this.client.post()
			.uri("/v1/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"batch\":[]}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void shouldGenerateARequestIdAndPassItUpstreamAndBack() {
		String requestId = this.client.post()
			.uri("/v1/track")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");

		assertThat(requestId).isNotBlank();
		assertThat(ingest.last().header("X-Request-Id")).isEqualTo(requestId);
	}

	@Test
	void shouldKeepTheClientsRequestId() {
		this.client.post()
			.uri("/v1/track")
			.header("X-Request-Id", "client-request-42")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-Id", "client-request-42");

		assertThat(ingest.last().header("X-Request-Id")).isEqualTo("client-request-42");
	}

	@Test
	void shouldReturnTheRequestIdExactlyOnceOnEveryRouteThoughTheServicesEchoIt() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "request-id-reader", "profiles:read");

		assertThat(requestIds(this.client.post()
			.uri("/v1/track")
			.header("X-Request-Id", "once-on-ingest")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange())).containsExactly("once-on-ingest");
		assertThat(requestIds(this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.header("X-Request-Id", "once-on-profile")
			.exchange())).containsExactly("once-on-profile");
		assertThat(requestIds(this.client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.header("X-Request-Id", "once-on-the-gateway")
			.exchange())).containsExactly("once-on-the-gateway");
		assertThat(requestIds(this.client.get().uri("/v1/profiles/p1").exchange())).hasSize(1);
		assertThat(ingest.last().header("X-Request-Id")).isEqualTo("once-on-ingest");
	}

	@Test
	void shouldLogAndMeasureEachRequestByKeyNameNeverByKey(CapturedOutput output) {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "crm-sync", "profiles:read");

		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.header("X-Request-Id", "logged-request-7")
			.exchange()
			.expectStatus()
			.isOk();

		// The line is written once the response is complete, a moment after the client
		// has it.
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\\[logged-request-7\\] io\\.cdp\\.gateway\\.access-log +: "
						+ "GET /v1/profiles/p1 200 \\d+ms route=profile-service key=crm-sync requestId=logged-request-7"));
		assertThat(output.getOut()).doesNotContain(key);
		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.collectList()
			.map((lines) -> String.join("", lines))
			.block();
		assertThat(metrics).containsPattern(
				"cdp_gateway_requests_seconds_count\\{[^}]*key=\"crm-sync\"[^}]*route=\"profile-service\"[^}]*status=\"200\"");
	}

	private static List<String> requestIds(WebTestClient.ResponseSpec response) {
		return response.returnResult(String.class).getResponseHeaders().getOrEmpty("X-Request-Id");
	}

}
