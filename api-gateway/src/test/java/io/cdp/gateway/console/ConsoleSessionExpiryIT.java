package io.cdp.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + ConsoleSessionExpiryIT.BOOTSTRAP_KEY,
				"cdp.gateway.caller.internal-secret=console-expiry-secret",
				"cdp.gateway.console.session.idle-timeout=2s", "cdp.gateway.console.session.max-lifetime=5s" })
class ConsoleSessionExpiryIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-console-expiry-0123";

	@Test
	void shouldEndASessionLeftIdle() {
		String session = signIn();

		await().pollDelay(Duration.ofMillis(2500))
			.pollInterval(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(10))
			.until(() -> status(session) == 401);
	}

	@Test
	void shouldEndASessionAtItsMaximumLifetimeHoweverMuchItIsUsed() {
		Instant signedIn = Instant.now();
		String session = signIn();

		await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(15)).until(() -> status(session) == 401);

		assertThat(Duration.between(signedIn, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
	}

	private int status(String session) {
		return this.client.get()
			.uri("/console/session")
			.cookie("cdp_console", session)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value();
	}

	private String signIn() {
		return this.client.post()
			.uri("/console/session")
			.header("X-CDP-Console", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("apiKey", BOOTSTRAP_KEY))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("cdp_console")
			.getValue();
	}

}
