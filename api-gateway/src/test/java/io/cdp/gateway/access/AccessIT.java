package io.cdp.gateway.access;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.cdp.gateway.UpstreamStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + AccessIT.BOOTSTRAP_KEY,
				"cdp.gateway.caller.internal-secret=" + AccessIT.SECRET, "cdp.gateway.api-keys.refresh-interval=500ms",
				"cdp.gateway.api-keys.last-used-flush-interval=500ms" })
class AccessIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-tests-0123456789";

	static final String SECRET = "internal-secret-for-tests";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void shouldRefuseAProfileCallWithoutAKey() {
		this.client.get()
			.uri("/v1/profiles/p1")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/api-key-required");
	}

	@Test
	void shouldRefuseAnUnknownKey() {
		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer cdp_not-a-key")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldRefuseTheEventsOfAProfileToAKeyWithoutEventsRead() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "marketing-tool", "profiles:read");

		this.client.get()
			.uri("/v1/profiles/p1/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/insufficient-scope");
	}

	@Test
	void shouldForwardWithASignedCallerHeaderInsteadOfTheClientsCredentials() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "support-console", "profiles:read", "events:read");

		for (String path : List.of("/v1/profiles/p1", "/v1/profiles/lookup?identifier=email:a@example.com",
				"/v1/profiles/p1/identifiers", "/v1/profiles/p1/merges", "/v1/profiles/p1/events")) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.header("X-CDP-Caller", "v=1;key=root;scopes=admin;ts=1;sig=forged")
				.header("X-CDP-Caller-Scopes", "admin")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.upstream")
				.isEqualTo("profile");

			UpstreamStub.Received received = profile.last();
			assertThat(received.uri()).isEqualTo(path);
			assertThat(received.header(HttpHeaders.AUTHORIZATION)).isNull();
			assertThat(received.header("X-CDP-Caller-Scopes")).isNull();
			assertThat(received.headers().get("X-cdp-caller")).hasSize(1);
			String caller = received.header("X-CDP-Caller");
			assertThat(caller).startsWith("v=1;key=support-console;scopes=events:read,profiles:read;ts=");
			assertThat(new CallerHeader(SECRET).read(caller, Instant.now(), Duration.ofMinutes(1)))
				.contains(new CallerHeader.Caller("support-console", Set.of("events:read", "profiles:read")));
		}
	}

	@Test
	void shouldSendTheIdentityRulesToTheProfileServiceForAdminKeysOnly() {
		String reader = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "rules-reader", "profiles:read");
		String operator = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "identity-operator", "admin");

		this.client.get()
			.uri("/v1/admin/identity/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/v1/admin/identity/rules")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("profile");
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/identity/rules");
		assertThat(profile.last().header("X-CDP-Caller")).startsWith("v=1;key=identity-operator;scopes=admin;ts=");

		this.client.post()
			.uri("/v1/admin/profiles/p1/split")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"rules\": true}")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/v1/admin/profiles/p1/split")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"rules\": true}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("profile");
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/profiles/p1/split");

		this.client.get()
			.uri("/v1/admin/computed-traits/orders_90d")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/v1/admin/computed-traits")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"orders\", \"aggregate\": \"count\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("profile");
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/computed-traits");
		this.client.get()
			.uri("/v1/admin/computed-traits/orders_90d")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/computed-traits/orders_90d");

		this.client.get()
			.uri("/v1/admin/destinations/crm")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/v1/admin/destinations")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"crm\", \"url\": \"https://hooks.example.com/cdp\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream")
			.isEqualTo("profile");
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/destinations");
		this.client.post()
			.uri("/v1/admin/destinations/crm/dead-letters/replay")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(profile.last().uri()).isEqualTo("/v1/admin/destinations/crm/dead-letters/replay");
	}

	@Test
	void shouldPassIngestCallsThroughWithTheClientsAuthorizationAndNoCallerHeader() {
		this.client.post()
			.uri("/v1/track")
			.header(HttpHeaders.AUTHORIZATION, "Basic d3JpdGUta2V5Og==")
			.header("X-CDP-Caller", "v=1;key=root;scopes=admin;ts=1;sig=forged")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"event\":\"Signed Up\"}")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(ingest.last().header(HttpHeaders.AUTHORIZATION)).isEqualTo("Basic d3JpdGUta2V5Og==");
		assertThat(ingest.last().header("X-CDP-Caller")).isNull();
	}

	@Test
	void shouldCreateUseListAndRevokeAKeyWithTheBootstrapAdminKey() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "help-desk", "profiles:read");
		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Map<String, Object> listed = keyNamed("help-desk");
			assertThat(listed).containsKeys("id", "scopes", "createdAt", "lastUsedAt").doesNotContainKeys("key");
			assertThat(listed.toString()).doesNotContain(key);
		});
		String id = (String) keyNamed("help-desk").get("id");

		this.client.delete()
			.uri("/v1/admin/api-keys/" + id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isNoContent();

		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(keyNamed("help-desk")).containsKey("revokedAt");
	}

	@Test
	void shouldRefuseAKeyRevokedOnAnotherInstanceWithinSeconds() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "nightly-export", "profiles:read");
		this.client.get()
			.uri("/v1/profiles/p1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isOk();

		// As another gateway instance would: straight in the database, not through this
		// one.
		this.jdbc.sql("UPDATE gateway.api_keys SET revoked_at = now() WHERE name = 'nightly-export'").update();

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HttpStatus status = (HttpStatus) this.client.get()
				.uri("/v1/profiles/p1")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.exchange()
				.returnResult(String.class)
				.getStatus();
			assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);
		});
	}

	@Test
	void shouldRefuseTheAdminApiToAKeyWithoutTheAdminScope() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "reader", "profiles:read");

		this.client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void shouldRejectAKeyWithAnUnknownScope() {
		this.client.post()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "bad", "scopes", List.of("profiles:write")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors.scopes")
			.exists();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> keyNamed(String name) {
		List<Map<String, Object>> keys = this.client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody();
		assertThat(keys.toString()).doesNotContain("keyHash").doesNotContain(BOOTSTRAP_KEY);
		return keys.stream().filter((key) -> name.equals(key.get("name"))).findFirst().orElseThrow();
	}

}
