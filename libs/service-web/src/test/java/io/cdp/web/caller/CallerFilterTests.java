package io.cdp.web.caller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.contract.json.ContractJson;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CallerFilterTests {

	private static final String SECRET = "filter-test-secret";

	private static final String TYPE_BASE = "https://cdp.example.com/problems/";

	private static final CallerHeader GATEWAY = new CallerHeader(SECRET);

	private static final CallerRules PROFILE_RULES = new CallerRules(TYPE_BASE)
		.require("/v1/profiles/*/events", "events:read")
		.require("/v1/profiles/**", "profiles:read");

	private final CallerFilter filter = filter(SECRET, PROFILE_RULES);

	@Test
	void shouldLetASignedCallerWithTheScopeThroughAndExposeIt() throws Exception {
		MockHttpServletRequest request = request("/v1/profiles/p-1/events",
				GATEWAY.write("support", Set.of("profiles:read", "events:read"), Instant.now()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(request.getAttribute(CallerFilter.CALLER_ATTRIBUTE))
			.isEqualTo(new Caller("support", Set.of("profiles:read", "events:read")));
	}

	@Test
	void shouldApplyTheFirstRuleThatMatches() throws Exception {
		String marketing = GATEWAY.write("marketing", Set.of("profiles:read"), Instant.now());

		assertThat(call(this.filter, "/v1/profiles/p-1", marketing).getStatus()).isEqualTo(200);
		assertThat(call(this.filter, "/v1/profiles/lookup", marketing).getStatus()).isEqualTo(200);
		assertThat(call(this.filter, "/v1/profiles/p-1/events", marketing).getStatus()).isEqualTo(403);
	}

	@Test
	void shouldRefuseHistoryWithoutEventsReadAsAMissingScopeProblem() throws Exception {
		MockHttpServletResponse response = call(this.filter, "/v1/profiles/p-1/events",
				GATEWAY.write("marketing", Set.of("profiles:read"), Instant.now()));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("type").asString()).isEqualTo(TYPE_BASE + "missing-scope");
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(problem.get("scope").asString()).isEqualTo("events:read");
		assertThat(problem.get("detail").asString()).contains("'marketing'").contains("events:read");
	}

	@Test
	void shouldRefuseAStaleSignature() throws Exception {
		MockHttpServletResponse response = call(this.filter, "/v1/profiles/p-1",
				GATEWAY.write("support", Set.of("profiles:read"), Instant.now().minus(Duration.ofHours(1))));

		assertUnauthenticated(response);
	}

	@Test
	void shouldRefuseAHeaderSignedWithAnotherSecret() throws Exception {
		MockHttpServletResponse response = call(this.filter, "/v1/profiles/p-1",
				new CallerHeader("guessed-secret").write("mallory", Set.of("profiles:read"), Instant.now()));

		assertUnauthenticated(response);
	}

	@Test
	void shouldRefuseARequestWithoutHeader() throws Exception {
		MockHttpServletResponse response = call(this.filter, "/v1/profiles/p-1", null);

		assertUnauthenticated(response);
		assertThat(response.getHeader("WWW-Authenticate")).isNull();
	}

	@Test
	void shouldRefuseEveryProtectedRequestWithoutASecret() throws Exception {
		CallerFilter unconfigured = filter(null, PROFILE_RULES);

		MockHttpServletResponse response = call(unconfigured, "/v1/profiles/p-1",
				GATEWAY.write("support", Set.of("profiles:read"), Instant.now()));

		assertUnauthenticated(response);
	}

	@ParameterizedTest
	@CsvSource({ "/actuator/health", "/v1/track", "/v1/profile", "/v3/api-docs" })
	void shouldLeavePathsWithoutARuleAlone(String path) throws Exception {
		MockHttpServletResponse response = call(this.filter, path, null);

		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void shouldApplyARuleToThePathWithATrailingSlash() throws Exception {
		String marketing = GATEWAY.write("marketing", Set.of("profiles:read"), Instant.now());

		assertThat(call(this.filter, "/v1/profiles/p-1/events/", marketing).getStatus()).isEqualTo(403);
	}

	@Test
	void shouldMatchThePathWithinTheApplication() throws Exception {
		MockHttpServletRequest request = request("/cdp/v1/profiles/p-1", null);
		request.setContextPath("/cdp");

		assertThat(call(this.filter, request).getStatus()).isEqualTo(401);
	}

	@Test
	void shouldAcceptADirectCredential() throws Exception {
		MockHttpServletRequest request = withOperatorToken("/v1/admin/sources");

		MockHttpServletResponse response = call(adminFilter(null, "admin"), request);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(request.getAttribute(CallerFilter.CALLER_ATTRIBUTE))
			.isEqualTo(new Caller("operator", Set.of("admin")));
	}

	@Test
	void shouldWarnOnceWhenRulesCannotBeSatisfiedThroughTheGateway(CapturedOutput output) throws Exception {
		CallerFilter unconfigured = filter(null, PROFILE_RULES);
		call(unconfigured, "/v1/profiles/p-1", null);
		call(unconfigured, "/v1/profiles/p-2", null);

		assertThat(output.getOut().lines().filter((line) -> line.contains("No internal secret"))).singleElement()
			.asString()
			.contains("WARN")
			.contains("/v1/profiles/** needs profiles:read");
	}

	@Test
	void shouldRefuseADirectCredentialWithoutTheScope() throws Exception {
		MockHttpServletResponse response = call(adminFilter(null, "read"),
				withOperatorToken("/v1/admin/sources/src_1"));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(json(response).get("type").asString()).isEqualTo(TYPE_BASE + "missing-scope");
	}

	@Test
	void shouldPreferAValidCallerHeaderAndChallengeForTheDirectCredential() throws Exception {
		CallerFilter both = adminFilter(SECRET, "admin");
		MockHttpServletRequest viaGateway = request("/v1/admin/sources",
				GATEWAY.write("bootstrap-admin", Set.of("admin"), Instant.now()));

		both.doFilter(viaGateway, new MockHttpServletResponse(), new MockFilterChain());
		MockHttpServletResponse refused = call(both, "/v1/admin/sources", null);

		assertThat(viaGateway.getAttribute(CallerFilter.CALLER_ATTRIBUTE))
			.isEqualTo(new Caller("bootstrap-admin", Set.of("admin")));
		assertUnauthenticated(refused);
		assertThat(refused.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"test\"");
	}

	private static void assertUnauthenticated(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(json(response).get("type").asString()).isEqualTo(TYPE_BASE + "unauthenticated-caller");
	}

	private static CallerFilter filter(String secret, CallerRules rules, DirectCredential... credentials) {
		return new CallerFilter(new CallerProperties(secret, Duration.ofMinutes(5)), rules, List.of(credentials));
	}

	private static CallerFilter adminFilter(String secret, String... operatorScopes) {
		return filter(secret, new CallerRules(TYPE_BASE).require("/v1/admin/sources/**", "admin"),
				new TokenCredential("operator-token", Set.of(operatorScopes)));
	}

	private static MockHttpServletResponse call(CallerFilter filter, String path, String header) throws Exception {
		return call(filter, request(path, header));
	}

	private static MockHttpServletResponse call(CallerFilter filter, MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	private static MockHttpServletRequest withOperatorToken(String path) {
		MockHttpServletRequest request = request(path, null);
		request.addHeader("Authorization", "Bearer operator-token");
		return request;
	}

	private static MockHttpServletRequest request(String path, String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (header != null) {
			request.addHeader(CallerHeader.NAME, header);
		}
		return request;
	}

	private static JsonNode json(MockHttpServletResponse response) throws Exception {
		return ContractJson.mapper().readTree(response.getContentAsString());
	}

	/** A bearer token that stands for an operator with the given scopes. */
	private record TokenCredential(String token, Set<String> scopes) implements DirectCredential {

		@Override
		public Optional<Caller> authenticate(HttpServletRequest request) {
			return ("Bearer " + this.token).equals(request.getHeader("Authorization"))
					? Optional.of(new Caller("operator", this.scopes)) : Optional.empty();
		}

		@Override
		public Optional<String> challenge() {
			return Optional.of("Bearer realm=\"test\"");
		}

	}

}
