package io.cdp.gateway.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose upstream services are down: nothing listens on their port, so every
 * connection is refused. Unlike the other gateway tests it has no stub upstreams, since a
 * stub that listens cannot refuse. A client gets a 503 problem naming the service, with
 * {@code Retry-After}, quickly (a GET is retried twice, without a hang), and the log gets
 * one line about it, without a stack trace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.gateway.api-keys.bootstrap-admin-key=" + UnreachableUpstreamIT.ADMIN_KEY)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class UnreachableUpstreamIT {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-unreachable-upstream-tests";

	private static final int CLOSED_PORT = closedPort();

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void routeToAClosedPort(DynamicPropertyRegistry registry) {
		registry.add("cdp.gateway.routes.ingest.uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
		registry.add("cdp.gateway.routes.profile.uri", () -> "http://127.0.0.1:" + CLOSED_PORT);
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void shouldAnswerAProfileReadWith503NamingTheServiceAfterItsRetries(CapturedOutput output) {
		String key = AdminApiKeys.create(this.client, ADMIN_KEY, "support-console", "profiles:read");
		long start = System.nanoTime();

		ResponseSpec response = this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange();

		expectUnavailable(response, "profile-service");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(output.getOut()).contains("Answered 503 upstream-unavailable: profile-service (")
			.doesNotContain("Unexpected error")
			.doesNotContainPattern("\\sat reactor\\.");
	}

	@Test
	void shouldAnswerATrackingCallWith503SoThatTheSdkRetriesLater() {
		ResponseSpec response = this.client.post()
			.uri("/v1/track")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"userId\":\"u-1\",\"event\":\"Signed Up\"}")
			.exchange();

		expectUnavailable(response, "ingest-service");
	}

	private static void expectUnavailable(ResponseSpec response, String service) {
		response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
		response.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/upstream-unavailable")
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.service")
			.isEqualTo(service)
			.jsonPath("$.detail")
			.isEqualTo("The " + service + " cannot be reached; retry later");
	}

	/** A loopback port nothing listens on: taken from the system, then closed. */
	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
