package io.cdp.ingest.collect;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written walks of a JSON tree must agree with Jackson: the same maps as
 * {@code convertValue}, and a size bound never below the compact text's size.
 */
class JsonValuesTests {

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private static final String[] EDGES = {
			"""
					{"int": 1, "negative": -0, "long": 9223372036854775807, "big": 92233720368547758070,
					 "double": 1.5, "exponent": 1e9, "tiny": 1e-7, "huge": 1e400, "decimal": 0.1000000000000000055511151231257827,
					 "text": "é \\u0000 \\ud800 😀 \\"", "true": true, "false": false, "null": null,
					 "array": [1, "a", null, [], {}, [[{"deep": [1.0]}]]], "object": {"a": {"b": {"c": null}}},
					 "": "", "dup": 1, "dup": 2}""",
			"{}", """
					[1e9,1e9,1e9,1e9,1e9,1e9,1e9,1e9,1e9,1e9]""", """
					{"\\u0001\\u0002\\u0003": "\\u0001\\u0002\\u0003\\u0004\\u0005"}""" };

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void readsObjectsIntoTheMapsJacksonConvertsThemTo(int edge) {
		JsonNode node = ContractJson.mapper().readTree(EDGES[edge]);
		if (node.isObject()) {
			assertSameMap(node);
		}
		assertBound(node);
	}

	@Test
	void readsRandomObjectsIntoTheMapsJacksonConvertsThemToAndBoundsTheirSize() {
		Random random = new Random(1205);
		for (int run = 0; run < 3_000; run++) {
			StringBuilder json = new StringBuilder();
			object(random, json, 0);
			JsonNode node = ContractJson.mapper().readTree(json.toString());
			assertSameMap(node);
			assertBound(node);
		}
	}

	@Test
	void stopsBoundingOnceTheBoundPassesTheLimit() {
		JsonNode node = ContractJson.mapper().readTree("{\"a\": \"" + "x".repeat(10_000) + "\", \"b\": 1}");

		assertThat(JsonValues.compactSizeBound(node, 100)).isGreaterThan(100);
		assertThat(JsonFields.surelyFits(node, 100)).isFalse();
		assertThat(JsonFields.compactFits(node, 10_100)).isTrue();
		assertThat(JsonFields.compactFits(node, 10_000)).isFalse();
	}

	private static void assertSameMap(JsonNode node) {
		Map<String, @Nullable Object> expected = ContractJson.mapper().convertValue(node, MAP);
		Map<String, @Nullable Object> read = JsonValues.map(node);
		assertThat(read).isEqualTo(expected);
		assertThat(read.getClass()).isEqualTo(expected.getClass());
		assertThat(ContractJson.mapper().writeValueAsString(read))
			.isEqualTo(ContractJson.mapper().writeValueAsString(expected));
		assertSameTypes(read, expected);
	}

	private static void assertSameTypes(@Nullable Object read, @Nullable Object expected) {
		if (expected == null) {
			assertThat(read).isNull();
			return;
		}
		assertThat(read).isNotNull();
		assertThat(read.getClass()).isEqualTo(expected.getClass());
		if (expected instanceof Map<?, ?> map) {
			map.forEach((key, value) -> assertSameTypes(((Map<?, ?>) read).get(key), value));
		}
		if (expected instanceof java.util.List<?> list) {
			for (int index = 0; index < list.size(); index++) {
				assertSameTypes(((java.util.List<?>) read).get(index), list.get(index));
			}
		}
	}

	private static void assertBound(JsonNode node) {
		long size = JsonFields.compact(node).getBytes(StandardCharsets.UTF_8).length;
		assertThat(JsonValues.compactSizeBound(node, Long.MAX_VALUE - 1)).isGreaterThanOrEqualTo(size);
		assertThat(JsonFields.compactFits(node, size)).isTrue();
		assertThat(JsonFields.compactFits(node, size - 1)).isFalse();
	}

	private static void object(Random random, StringBuilder json, int depth) {
		json.append('{');
		for (int index = random.nextInt((depth == 0) ? 1 : 0, 6); index > 0; index--) {
			string(random, json);
			json.append(':');
			value(random, json, depth + 1);
			json.append((index > 1) ? "," : "");
		}
		json.append('}');
	}

	private static void value(Random random, StringBuilder json, int depth) {
		switch (random.nextInt((depth < 5) ? 12 : 10)) {
			case 0 -> json.append("null");
			case 1 -> json.append(random.nextBoolean());
			case 2 -> json.append(random.nextInt());
			case 3 -> json.append(random.nextLong());
			case 4 -> json.append(random.nextInt(10)).append('e').append(random.nextInt(-30, 30));
			case 5 -> json.append(random.nextDouble() * 1000);
			case 6 -> json.append("12345678901234567890123").append(random.nextInt(1000));
			case 7, 8, 9 -> string(random, json);
			case 10 -> object(random, json, depth);
			default -> {
				json.append('[');
				for (int index = random.nextInt(4); index > 0; index--) {
					value(random, json, depth + 1);
					json.append((index > 1) ? "," : "");
				}
				json.append(']');
			}
		}
	}

	private static void string(Random random, StringBuilder json) {
		String[] pieces = { "a", "Z", "0", " ", "é", "日", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u0001", "\\u00e9",
				"\\ud83d\\ude00", "\\ud800", "\\t" };
		json.append('"');
		for (int index = random.nextInt(8); index > 0; index--) {
			json.append(pieces[random.nextInt(pieces.length)]);
		}
		json.append('"');
	}

}
