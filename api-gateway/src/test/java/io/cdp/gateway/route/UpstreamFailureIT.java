package io.cdp.gateway.route;

import java.time.Duration;

import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that holds its answer past the route's response timeout gets a 504, one
 * that closes the connection without an answer a 502, both as problem details naming the
 * service. Only GETs are retried, so a tracking call is never sent twice, and a timeout
 * is never retried, so the client waits one response timeout, not three.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + UpstreamFailureIT.ADMIN_KEY,
				"cdp.gateway.routes.ingest.response-timeout=2s", "cdp.gateway.routes.profile.response-timeout=2s" })
class UpstreamFailureIT extends StubbedUpstreamsGateway {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-upstream-failure-tests";

	@AfterEach
	void releaseStalledAnswers() {
		ingest.releaseStalled();
		ingest.dropNext(0);
	}

	@Test
	void shouldAnswerAGetThatTimedOutWith504AfterOneResponseTimeout() {
		int before = ingest.count();
		ingest.stallNext(3);
		long start = System.nanoTime();

		ResponseSpec response = this.client.get()
			.uri("/v1/admin/sources")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.exchange();

		response.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
		expectProblem(response, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout");

		// Three response timeouts would be 6 s.
		assertThat(ingest.count()).isEqualTo(before + 1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void shouldNeverResendATrackingCallThatTimedOut() {
		int before = ingest.count();
		ingest.stallNext(3);

		expectProblem(
				this.client.post().uri("/v1/track").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(),
				HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout");

		assertThat(ingest.count()).isEqualTo(before + 1);
	}

	@Test
	void shouldAnswer502WithoutRetryingWhenTheUpstreamClosesTheConnectionOfATrackingCall() {
		int before = ingest.count();
		ingest.dropNext(1);

		ResponseSpec response = this.client.post()
			.uri("/v1/track")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange();

		response.expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER);
		expectProblem(response, HttpStatus.BAD_GATEWAY, "upstream-failed");

		assertThat(ingest.count()).isEqualTo(before + 1);
	}

	@Test
	void shouldRetryAGetWhoseConnectionWasClosedWithoutAnswer() {
		int before = ingest.count();
		ingest.dropNext(1);

		this.client.get()
			.uri("/v1/admin/sources")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(ingest.count()).isEqualTo(before + 2);
	}

	@Test
	void shouldGiveUpOnAGetAfterItsRetriesWithA502() {
		int before = ingest.count();
		ingest.dropNext(3);
		long start = System.nanoTime();

		expectProblem(this.client.get()
			.uri("/v1/admin/sources")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.exchange(), HttpStatus.BAD_GATEWAY, "upstream-failed");

		assertThat(ingest.count()).isEqualTo(before + 3);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	private static void expectProblem(ResponseSpec response, HttpStatus status, String type) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/" + type)
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.service")
			.isEqualTo("ingest-service");
	}

}
