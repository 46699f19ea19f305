package io.cdp.gateway.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.cdp.gateway.UpstreamStub;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + ConsoleSessionIT.BOOTSTRAP_KEY,
				"cdp.gateway.caller.internal-secret=console-session-secret",
				"cdp.gateway.api-keys.refresh-interval=500ms" })
class ConsoleSessionIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-console-tests-0123";

	@Test
	void shouldExchangeAKeyForAnHttpOnlyStrictSessionCookieAndAnswerTheKeysNameAndScopes() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "support-desk", "profiles:read", "events:read");

		EntityExchangeResult<Map> signedIn = this.client.post()
			.uri("/console/session")
			.header("X-CDP-Console", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("apiKey", key))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(Map.class)
			.returnResult();

		assertThat(signedIn.getResponseBody()).containsEntry("keyName", "support-desk")
			.containsEntry("scopes", List.of("events:read", "profiles:read"));
		String setCookie = signedIn.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
		assertThat(setCookie).startsWith("cdp_console=")
			.contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800")
			.doesNotContain(key)
			.doesNotContain("Secure");
		ResponseCookie cookie = signedIn.getResponseCookies().getFirst("cdp_console");
		assertThat(cookie.getValue()).hasSizeGreaterThanOrEqualTo(43);

		this.client.get()
			.uri("/console/session")
			.cookie("cdp_console", cookie.getValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.keyName")
			.isEqualTo("support-desk");
	}

	@Test
	void shouldRefuseAWrongKeyAndASignInWithoutTheConsoleHeader() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "header-check", "profiles:read");

		this.client.post()
			.uri("/console/session")
			.header("X-CDP-Console", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("apiKey", "cdp_wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
		this.client.post()
			.uri("/console/session")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("apiKey", key))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/console-header-required");
	}

	@Test
	void shouldSignInWithTheKeyInTheAuthorizationHeader() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "bearer-sign-in", "profiles:read");

		this.client.post()
			.uri("/console/session")
			.header("X-CDP-Console", "1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectCookie()
			.httpOnly("cdp_console", true);
	}

	@Test
	void shouldStandForTheKeyOnTheApiWithItsScopesAndSendNoCookieUpstream() {
		String session = signIn(AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "cookie-reader", "profiles:read"));

		this.client.get().uri("/v1/profiles/p1").cookie("cdp_console", session).exchange().expectStatus().isOk();
		UpstreamStub.Received received = profile.last();
		assertThat(received.uri()).isEqualTo("/v1/profiles/p1");
		assertThat(received.header("X-CDP-Caller")).contains("key=cookie-reader;scopes=profiles:read;");
		assertThat(received.header(HttpHeaders.COOKIE)).isNull();

		this.client.get()
			.uri("/v1/profiles/p1/events")
			.cookie("cdp_console", session)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/insufficient-scope");
	}

	@Test
	void shouldRefuseACookieSignedChangeWithoutTheConsoleHeader() {
		String session = signIn(BOOTSTRAP_KEY);

		this.client.post()
			.uri("/v1/admin/api-keys")
			.cookie("cdp_console", session)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("name=forged&scopes=admin")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/console-header-required");
		this.client.delete()
			.uri("/console/session")
			.cookie("cdp_console", session)
			.exchange()
			.expectStatus()
			.isForbidden();

		this.client.post()
			.uri("/v1/admin/api-keys")
			.cookie("cdp_console", session)
			.header("X-CDP-Console", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "made-from-the-console", "scopes", List.of("profiles:read")))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void shouldEndTheSessionOnSignOut() {
		String session = signIn(AdminApiKeys.create(this.client, BOOTSTRAP_KEY, "signing-out", "profiles:read"));

		this.client.delete()
			.uri("/console/session")
			.cookie("cdp_console", session)
			.header("X-CDP-Console", "1")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectCookie()
			.maxAge("cdp_console", Duration.ZERO);

		this.client.get()
			.uri("/v1/profiles/p1")
			.cookie("cdp_console", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/console/session")
			.cookie("cdp_console", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldEndTheSessionsOfARevokedKey() {
		Map<?, ?> created = this.client.post()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "to-be-revoked", "scopes", List.of("profiles:read")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String session = signIn((String) created.get("key"));

		this.client.post()
			.uri("/v1/admin/api-keys/" + created.get("id") + "/revoke")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isNoContent();

		this.client.get()
			.uri("/v1/profiles/p1")
			.cookie("cdp_console", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void shouldServeTheConsoleWithAStrictPolicyAndVersionedAssets() {
		EntityExchangeResult<String> page = this.client.get()
			.uri("/console")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectBody(String.class)
			.returnResult();
		String policy = page.getResponseHeaders().getFirst("Content-Security-Policy");
		assertThat(policy)
			.contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
					"base-uri 'none'", "form-action 'self'")
			.doesNotContain("unsafe");
		String html = page.getResponseBody();
		assertThat(html).doesNotContain("<script>").doesNotContain("style=").doesNotContain("<style");
		String app = html.replaceAll("(?s).*src=\"(/console/assets/[^\"]+/js/app\\.js)\".*", "$1");
		String chart = html.replaceAll("(?s).*src=\"(/console/vendor/chart\\.js/[^\"]+)\".*", "$1");

		this.client.get()
			.uri(app)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
		this.client.get().uri(chart).exchange().expectStatus().isOk();
		this.client.get()
			.uri(app.replaceFirst("/assets/[^/]+/", "/assets/0.0.0-old/"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private String signIn(String key) {
		return this.client.post()
			.uri("/console/session")
			.header("X-CDP-Console", "1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("apiKey", key))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("cdp_console")
			.getValue();
	}

}
