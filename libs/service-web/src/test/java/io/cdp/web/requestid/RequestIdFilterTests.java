package io.cdp.web.requestid;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter();

	private final List<String> seenInMdc = new ArrayList<>();

	private final FilterChain recordingChain = (request, response) -> this.seenInMdc.add(MDC.get("requestId"));

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void shouldKeepASaneIncomingIdInTheMdcAndOnTheResponse() throws Exception {
		MockHttpServletResponse response = call(request("gw-1f2e.3d_4c-5b"), this.recordingChain);

		assertThat(this.seenInMdc).containsExactly("gw-1f2e.3d_4c-5b");
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("gw-1f2e.3d_4c-5b");
	}

	@Test
	void shouldKeepAnIdOfTheMaximumLength() throws Exception {
		String longest = "a".repeat(128);

		MockHttpServletResponse response = call(request(longest), this.recordingChain);

		assertThat(response.getHeader("X-Request-Id")).isEqualTo(longest);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "line\nbreak", "semi;colon", "<script>", "ünïcödé", "slash/ed" })
	void shouldReplaceAnInsaneIdWithAUuid(String insane) throws Exception {
		MockHttpServletResponse response = call(request(insane), this.recordingChain);

		String requestId = response.getHeader("X-Request-Id");
		assertThat(requestId).isNotEqualTo(insane);
		assertThat(UUID.fromString(requestId)).hasToString(requestId);
		assertThat(this.seenInMdc).containsExactly(requestId);
	}

	@Test
	void shouldReplaceAnIdLongerThan128Characters() throws Exception {
		MockHttpServletResponse response = call(request("a".repeat(129)), this.recordingChain);

		assertThat(response.getHeader("X-Request-Id")).hasSize(36);
	}

	@Test
	void shouldGenerateAnIdWhenNoneIsSent() throws Exception {
		MockHttpServletResponse first = call(request(null), this.recordingChain);
		MockHttpServletResponse second = call(request(null), this.recordingChain);

		assertThat(UUID.fromString(first.getHeader("X-Request-Id"))).isNotNull();
		assertThat(first.getHeader("X-Request-Id")).isNotEqualTo(second.getHeader("X-Request-Id"));
		assertThat(this.seenInMdc).containsExactly(first.getHeader("X-Request-Id"), second.getHeader("X-Request-Id"));
	}

	@Test
	void shouldRemoveTheIdFromTheMdcAfterTheRequest() throws Exception {
		call(request("req-1"), this.recordingChain);

		assertThat(this.seenInMdc).containsExactly("req-1");
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void shouldRemoveTheIdFromTheMdcWhenTheRequestFails() {
		FilterChain failing = (request, response) -> {
			this.seenInMdc.add(MDC.get("requestId"));
			throw new ServletException("handler failed");
		};

		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> call(request("req-2"), failing));

		assertThat(this.seenInMdc).containsExactly("req-2");
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void shouldKeepTheIdOfTheFirstDispatchOnTheErrorDispatch() throws Exception {
		MockHttpServletRequest request = request(null);
		String first = call(request, this.recordingChain).getHeader("X-Request-Id");

		request.setDispatcherType(DispatcherType.ERROR);
		MockHttpServletResponse errorResponse = call(request, this.recordingChain);

		assertThat(errorResponse.getHeader("X-Request-Id")).isEqualTo(first);
		assertThat(this.seenInMdc).containsExactly(first, first);
	}

	private static MockHttpServletRequest request(String requestId) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/anything");
		if (requestId != null) {
			request.addHeader("X-Request-Id", requestId);
		}
		return request;
	}

	private MockHttpServletResponse call(MockHttpServletRequest request, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		return response;
	}

}
