package io.cdp.gateway.ratelimit;

import java.net.ServerSocket;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configured Redis that does not answer neither fails requests nor lifts the limits:
 * the instance limits with its own buckets and counts each fallback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + RedisDownRateLimitIT.BOOTSTRAP_KEY,
				"cdp.gateway.rate-limit.api-key.capacity=2", "cdp.gateway.rate-limit.api-key.refill-tokens=1",
				"cdp.gateway.rate-limit.api-key.refill-period=1m" })
@ExtendWith(OutputCaptureExtension.class)
class RedisDownRateLimitIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-redis-down-tests";

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort);
	}

	@Test
	void shouldLimitWithTheLocalBucketsWhileRedisIsDown(CapturedOutput output) {
		WebTestClient client = this.client;
		client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.header("X-Request-Id", "first-while-redis-is-down")
			.exchange()
			.expectStatus()
			.isOk();
		// Logged deep in the reactive chain, on a Netty thread, still with the request
		// id.
		assertThat(output.getOut()).containsPattern(
				"\\[first-while-redis-is-down\\] i\\.c\\.gateway\\.ratelimit\\.RedisRateLimiter +: Redis did not answer");
		String key = AdminApiKeys.create(client, BOOTSTRAP_KEY, "tool-while-redis-is-down", "profiles:read");

		assertThat(status(client, key)).isEqualTo(HttpStatus.OK);
		assertThat(status(client, key)).isEqualTo(HttpStatus.OK);
		assertThat(status(client, key)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// The admin key's own request counts too.
		assertThat(this.meters.get("cdp.gateway.rate-limit.redis.failures").counter().count())
			.isGreaterThanOrEqualTo(4);
	}

	private static HttpStatus status(WebTestClient client, String key) {
		return (HttpStatus) client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.returnResult(String.class)
			.getStatus();
	}

}
