package io.cdp.gateway.route;

import java.time.Duration;
import java.time.Instant;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + RoutingIT.ADMIN_KEY,
				"cdp.gateway.caller.internal-secret=routing-test-secret" })
class RoutingIT extends StubbedUpstreamsGateway {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-routing-tests";

	@ParameterizedTest
	@ValueSource(strings = { "/v1/track", "/v1/track/", "/v1/identify", "/v1/batch", "/v1/import/", "/v1/b", "/v1/t/",
			"/v1/a", "/v1/webhooks/sendgrid", "/v1/sources/src_1/events" })
	void shouldRouteIngestPathsToTheIngestServiceWithTheClientsAuthorization(String path) {
		this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Basic d3JpdGUta2V5Og==")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("ingest")
			.jsonPath("$.path")
			.isEqualTo(path);

		assertThat(ingest.last().header(HttpHeaders.AUTHORIZATION)).isEqualTo("Basic d3JpdGUta2V5Og==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/admin/sources", "/v1/admin/sources/src_1/disable", "/v1/admin/dead-letters/replay" })
	void shouldRouteSourceAdministrationToTheIngestServiceAsASignedAdminCaller(String path) {
		this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("ingest")
			.jsonPath("$.path")
			.isEqualTo(path);

		assertThat(ingest.last().header(HttpHeaders.AUTHORIZATION)).isNull();
		assertThat(new CallerHeader("routing-test-secret").read(ingest.last().header(CallerHeader.NAME), Instant.now(),
				Duration.ofMinutes(1)))
			.hasValueSatisfying((caller) -> assertThat(caller.scopes()).contains("admin"));
	}

	@Test
	void shouldRefuseSourceAdministrationWithoutAnAdminKey() {
		int before = ingest.count();

		this.client.get().uri("/v1/admin/sources").exchange().expectStatus().isUnauthorized();

		assertThat(ingest.count()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/admin/dead-letters", "/v1/admin/dead-letters/42" })
	void shouldRouteTheDeadLetterStoreToTheIngestServiceForAdminKeysOnly(String path) {
		String reader = AdminApiKeys.create(this.client, ADMIN_KEY, "dead-letter-reader-" + path.length(),
				"profiles:read", "events:read");
		int before = ingest.count();

		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(ingest.count()).isEqualTo(before);

		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("ingest")
			.jsonPath("$.path")
			.isEqualTo(path);
		assertThat(new CallerHeader("routing-test-secret").read(ingest.last().header(CallerHeader.NAME), Instant.now(),
				Duration.ofMinutes(1)))
			.hasValueSatisfying((caller) -> assertThat(caller.scopes()).contains("admin"));
	}

	@Test
	void shouldRetryAGetThatMetAnUnavailableUpstream() {
		int before = ingest.count();
		ingest.failNext(2);

		this.client.get()
			.uri("/v1/admin/sources")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(ingest.count()).isEqualTo(before + 3);
	}

	@Test
	void shouldNeverRetryAPost() {
		int before = ingest.count();
		ingest.failNext(1);

		this.client.post()
			.uri("/v1/track")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(ingest.count()).isEqualTo(before + 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/trackx", "/v1/tracks/1", "/v1/x" })
	void shouldRouteNothingElseToTheIngestService(String path) {
		int before = ingest.count();

		this.client.post().uri(path).bodyValue("{}").exchange().expectStatus().is4xxClientError();

		assertThat(ingest.count()).isEqualTo(before);
	}

}
