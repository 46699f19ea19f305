package io.cdp.profile.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CallerFilterTests {

	private static final String SECRET = "filter-test-secret";

	private final CallerFilter filter = new CallerFilter(new CallerProperties(SECRET, Duration.ofMinutes(5)));

	@Test
	void shouldLetASignedCallerWithTheScopeThrough() throws Exception {
		MockHttpServletResponse response = call("/v1/profiles/p-1/events",
				new CallerHeader(SECRET).write("support", Set.of("profiles:read", "events:read"), Instant.now()));

		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void shouldRefuseAnOldSignature() throws Exception {
		MockHttpServletResponse response = call("/v1/profiles/p-1", new CallerHeader(SECRET).write("support",
				Set.of("profiles:read"), Instant.now().minus(Duration.ofHours(1))));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
	}

	@Test
	void shouldRefuseHistoryWithoutEventsRead() throws Exception {
		MockHttpServletResponse response = call("/v1/profiles/p-1/events",
				new CallerHeader(SECRET).write("marketing", Set.of("profiles:read"), Instant.now()));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("events:read");
	}

	@Test
	void shouldRefuseEveryProfileRequestWithoutASecret() throws Exception {
		CallerFilter unconfigured = new CallerFilter(new CallerProperties(null, Duration.ofMinutes(5)));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/profiles/p-1");
		request.addHeader(CallerHeader.NAME,
				new CallerHeader(SECRET).write("support", Set.of("profiles:read"), Instant.now()));
		MockHttpServletResponse response = new MockHttpServletResponse();

		unconfigured.doFilter(request, response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(401);
	}

	@Test
	void shouldLeaveOtherPathsAlone() throws Exception {
		MockHttpServletResponse response = call("/actuator/health", null);

		assertThat(response.getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse call(String path, String header) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (header != null) {
			request.addHeader(CallerHeader.NAME, header);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
