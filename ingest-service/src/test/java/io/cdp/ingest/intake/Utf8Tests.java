package io.cdp.ingest.intake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

	@Test
	void shouldAcceptWellFormedTextOfEveryLength() {
		String text = "ascii, é, €, 😀, \uFEFF, \uFFFF, \uD83F\uDFFF";

		assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
		assertThat(Utf8.firstInvalid(new byte[0])).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "C0AF", "C1BF", "E080AF", "F08080AF", "EDA080", "EDBFBF", "F4908080", "F5808080", "FF",
			"FE", "80", "C3", "E282", "F09F98", "C328", "E228A1" })
	void shouldRefuseInvalidOverlongSurrogateAndTruncatedSequences(String hex) {
		byte[] bytes = java.util.HexFormat.of().parseHex("41" + hex + "41");

		assertThat(Utf8.firstInvalid(bytes)).isEqualTo(1);
	}

}
