package io.cdp.gateway.ratelimit;

import java.time.Duration;
import java.util.UUID;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.GatewayApplication;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.cdp.testinfra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances configured with the same Redis draw from one bucket per API key:
 * what a client spends on one is gone on the other, and both let it through again once
 * the shared bucket refills.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + SharedRateLimitIT.BOOTSTRAP_KEY,
				"cdp.gateway.rate-limit.api-key.capacity=4", "cdp.gateway.rate-limit.api-key.refill-tokens=1",
				"cdp.gateway.rate-limit.api-key.refill-period=3s" })
class SharedRateLimitIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-shared-rate-limit-tests";

	/** Keeps this class's buckets apart from any other user of the Redis server. */
	static final String KEY_PREFIX = "test-" + UUID.randomUUID() + ":";

	private static ConfigurableApplicationContext second;

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
		registry.add("cdp.gateway.rate-limit.redis-key-prefix", () -> KEY_PREFIX);
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
		}
	}

	@BeforeEach
	void secondInstance() {
		if (second == null) {
			second = secondInstance(this.environment);
		}
	}

	@Test
	void shouldShareOneBucketPerApiKeyAcrossInstances() {
		WebTestClient other = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort())
			.build();
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "shared-tool", "profiles:read");
		// The second instance learns of the new key on its next refresh.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(other, key)).isNotNull());

		assertRemaining(this.client, key, "2");
		assertRemaining(other, key, "1");
		assertRemaining(this.client, key, "0");
		other.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		assertThat(status(this.client, key)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(status(other, key)).isEqualTo(HttpStatus.OK));
	}

	private static void assertRemaining(WebTestClient client, String key, String remaining) {
		client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Limit", "4")
			.expectHeader()
			.valueEquals("RateLimit-Remaining", remaining);
	}

	/**
	 * The status of one request, or null while the instance does not know the key yet (a
	 * 401 that spends no token).
	 */
	private static HttpStatus status(WebTestClient client, String key) {
		HttpStatus status = (HttpStatus) client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.returnResult(String.class)
			.getStatus();
		return (status == HttpStatus.UNAUTHORIZED) ? null : status;
	}

	/** A second instance on the same database, Redis and key prefix. */
	private static ConfigurableApplicationContext secondInstance(Environment environment) {
		// Command-line arguments: they outrank application.yml, as the first instance's
		// test properties do.
		return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
				"--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
				"--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
				"--spring.data.redis.url=" + TestInfrastructure.redisUrl(),
				"--cdp.gateway.rate-limit.redis-key-prefix=" + KEY_PREFIX,
				"--cdp.gateway.routes.ingest.uri=" + upstreams.ingest().uri(),
				"--cdp.gateway.routes.profile.uri=" + upstreams.profile().uri(),
				"--cdp.gateway.rate-limit.api-key.capacity=4", "--cdp.gateway.rate-limit.api-key.refill-tokens=1",
				"--cdp.gateway.rate-limit.api-key.refill-period=3s");
	}

}
