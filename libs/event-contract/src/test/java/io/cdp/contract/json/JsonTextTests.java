package io.cdp.contract.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTests {

	@Test
	void shouldReplaceUnpairedSurrogatesRawOrEscaped() {
		assertThat(JsonText.repair("{\"a\uD800\":\"\uDC00b\"}")).isEqualTo("{\"a\uFFFD\":\"\uFFFDb\"}");
		assertThat(JsonText.repair("{\"a\\ud800m\":1}")).isEqualTo("{\"a\\uFFFDm\":1}");
		assertThat(JsonText.repair("[\"\\uDC00\",\"\\ud800\"]")).isEqualTo("[\"\\uFFFD\",\"\\uFFFD\"]");
	}

	@Test
	void shouldKeepPairsAndOtherEscapesUntouched() {
		String json = "{\"\\ud83d\\ude00\":\"\uD83D\uDE00 \\\\ud800 \\n \\u0000 \\\"\"}";
		assertThat(JsonText.repair(json)).isSameAs(json);
	}

}
