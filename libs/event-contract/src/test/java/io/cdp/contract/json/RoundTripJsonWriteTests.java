package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte path of {@link RoundTripJson#write} against the text path it replaces: the
 * same bytes for any text, and readable whatever the text holds.
 */
class RoundTripJsonWriteTests {

	/** A mapper made as the one {@link RoundTripJson} writes with. */
	private static final JsonMapper TEXT_PATH = RoundTripJson.configured(JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(RoundTripJson.READ_CONSTRAINTS)
		.streamWriteConstraints(RoundTripJson.WRITE_CONSTRAINTS)
		.build())).build();

	private static final String[] TRICKY = { "plain", "caf\u00e9 \u20ac \u4e2d", "\uD83D\uDE00 pair",
			"lone high \uD800", "lone low \uDC00", "reversed \uDC00\uD800", "\uD800", "\uDBFF\uDBFF\uDFFF",
			"looks escaped \\uD800", "control \u0000\u001f\t\n\"\\", "\u2028\u2029", "" };

	@Test
	void shouldWriteWhatTheTextPathWritesForTrickyText() {
		for (String key : TRICKY) {
			for (String value : TRICKY) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put(key, value);
				record.put("list", List.of(value, key, 1.5, Long.MAX_VALUE));
				record.put("at", Instant.parse("2026-12-07T01:02:03.456Z"));
				assertSameAsTextPath(record);
			}
		}
	}

	@Test
	void shouldWriteWhatTheTextPathWritesForRandomText() {
		Random random = new Random(20261207);
		for (int round = 0; round < 2_000; round++) {
			Map<String, Object> record = new LinkedHashMap<>();
			for (int field = 0; field < 4; field++) {
				record.put(randomText(random), randomText(random));
			}
			assertSameAsTextPath(record);
		}
	}

	@Test
	void shouldWriteEmojiWithoutTheTextPath() {
		byte[] written = RoundTripJson.write(Map.of("Zo\u00eb \uD83D\uDE00", "\uD83D\uDC4D thanks"));

		assertThat(RoundTripJson.mayHoldSurrogate(written)).isFalse();
		assertThat(new String(written, StandardCharsets.UTF_8)).contains("\uD83D\uDE00", "\uD83D\uDC4D");
	}

	@Test
	void shouldFindOnlySurrogateEscapesAndEncodedSurrogates() {
		assertThat(RoundTripJson.mayHoldSurrogate(utf8("{\"a\":\"\\ud83d\\ude00\"}"))).isTrue();
		assertThat(RoundTripJson.mayHoldSurrogate(utf8("{\"a\":\"\\uDFFF\"}"))).isTrue();
		assertThat(RoundTripJson.mayHoldSurrogate(new byte[] { '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"' }))
			.isTrue();
		assertThat(RoundTripJson.mayHoldSurrogate(utf8("{\"a\":\"\\u0000 \\ud7ff \\ue000 \u00e9 \ud55c\"}"))).isFalse();
		assertThat(RoundTripJson.mayHoldSurrogate(utf8("\\u"))).isFalse();
		assertThat(RoundTripJson.mayHoldSurrogate(new byte[0])).isFalse();
	}

	private static void assertSameAsTextPath(Object record) {
		byte[] written = RoundTripJson.write(record);
		byte[] text = JsonText.repair(TEXT_PATH.writeValueAsString(record)).getBytes(StandardCharsets.UTF_8);
		assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(text, StandardCharsets.UTF_8));
		assertThat(written).isEqualTo(text);
		assertThat(RoundTripJson.read(written, Map.class)).isNotNull();
	}

	private static String randomText(Random random) {
		int length = random.nextInt(12);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(switch (random.nextInt(6)) {
				case 0 -> (char) (0xD800 + random.nextInt(0x800));
				case 1 -> (char) random.nextInt(0x20);
				case 2 -> "\\u";
				case 3 -> (char) (0x80 + random.nextInt(0xD000));
				default -> (char) (' ' + random.nextInt(95));
			});
		}
		return text.toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
