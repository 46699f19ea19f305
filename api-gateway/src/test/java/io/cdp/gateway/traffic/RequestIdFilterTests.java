package io.cdp.gateway.traffic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "logged-request-7", "0f8fad5b-d9cb-469f-a165-70867728950e", "trace_1.2-3" })
	void shouldKeepASaneRequestId(String offered) {
		assertThat(RequestIdFilter.sane(offered)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "with space", "semi;colon", "new\nline", "ünïcode", "a/b" })
	void shouldReplaceAnyOtherRequestId(String offered) {
		assertThat(RequestIdFilter.sane(offered)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 128, 129 })
	void shouldAcceptAtMost128Characters(int length) {
		assertThat(RequestIdFilter.sane("x".repeat(length))).isEqualTo(length <= 128);
	}

}
