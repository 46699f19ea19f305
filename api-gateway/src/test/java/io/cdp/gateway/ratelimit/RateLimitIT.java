package io.cdp.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.StatusAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + RateLimitIT.BOOTSTRAP_KEY,
				"cdp.gateway.rate-limit.api-key.capacity=3", "cdp.gateway.rate-limit.api-key.refill-tokens=3",
				"cdp.gateway.rate-limit.api-key.refill-period=2s", "cdp.gateway.rate-limit.write-key.capacity=5",
				"cdp.gateway.rate-limit.write-key.refill-tokens=1",
				"cdp.gateway.rate-limit.write-key.refill-period=1m" })
class RateLimitIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-rate-limit-tests";

	@Test
	void shouldRefuseAnApiKeyWhoseBucketIsEmptyAndLetItThroughOnceRefilled() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "busy-tool", "profiles:read");
		for (int remaining = 2; remaining >= 0; remaining--) {
			this.client.get()
				.uri("/v1/profiles/p1")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Limit", "3")
				.expectHeader()
				.valueEquals("RateLimit-Remaining", Integer.toString(remaining));
		}

		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.valueEquals("RateLimit-Remaining", "0")
			.expectHeader()
			.exists("RateLimit-Reset")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/rate-limited");

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			HttpStatus status = (HttpStatus) this.client.get()
				.uri("/v1/profiles/p1")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.exchange()
				.returnResult(String.class)
				.getStatus();
			assertThat(status).isEqualTo(HttpStatus.OK);
		});
	}

	@Test
	void shouldLimitEachWriteKeyOnItsOwnWithTheLargerWriteKeyBucket() {
		for (int i = 0; i < 5; i++) {
			track("Basic " + Base64.getEncoder().encodeToString("write-key-a:".getBytes(StandardCharsets.UTF_8)))
				.isOk();
		}
		track("Basic " + Base64.getEncoder().encodeToString("write-key-a:".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		this.client.post()
			.uri("/v1/track?writeKey=write-key-b")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Limit", "5");
	}

	private StatusAssertions track(String authorization) {
		return this.client.post()
			.uri("/v1/track")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus();
	}

}
