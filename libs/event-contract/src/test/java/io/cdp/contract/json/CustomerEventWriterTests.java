package io.cdp.contract.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.event.TestEvents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written writer of {@code cdp.events.v1} must write exactly the bytes the
 * contract's mapper writes for the record, whatever the event holds.
 */
class CustomerEventWriterTests {

	@ParameterizedTest
	@EnumSource(EventType.class)
	void writesTheBytesTheMapperWritesForEveryType(EventType type) {
		assertSameBytes(TestEvents.of(type, Channel.MOBILE));
	}

	@Test
	void writesTheBytesTheMapperWritesWithoutOptionalComponentsAndWithEmptyMaps() {
		assertSameBytes(CustomerEvent.builder()
			.type(EventType.IDENTIFY)
			.channel(Channel.SERVER)
			.sourceId("s")
			.occurredAt(Instant.EPOCH)
			.receivedAt(Instant.EPOCH)
			.build());
	}

	@Test
	void writesTheBytesTheMapperWritesForEveryKindOfValue() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("null", null);
		values.put("int", Integer.MIN_VALUE);
		values.put("long", Long.MAX_VALUE);
		values.put("double", -2.2250738585072014E-308);
		values.put("whole double", 100.0);
		values.put("nan", Double.NaN);
		values.put("infinity", Double.NEGATIVE_INFINITY);
		values.put("float", 1.5f);
		values.put("short", (short) 7);
		values.put("big integer", new BigInteger("123456789012345678901234567890"));
		values.put("big decimal", new BigDecimal("1E+400"));
		values.put("boolean", false);
		values.put("instant", Instant.parse("2025-03-01T10:15:30.123456789Z"));
		values.put("array", new String[] { "a", "b" });
		values.put("escapes", "\"quoted\" \\ / \b\f\n\r\t \u0000 \u001f \u007f \u2028");
		values.put("unicode", "é ü 日本 😀");
		values.put("lone surrogate", "a\ud800b");
		values.put("nested", Map.of("list", List.of(1, "two", List.of(), Map.of())));
		values.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2)));
		values.put("non-text keys", Map.of(1, "one"));
		values.put("", "empty key");
		assertSameBytes(TestEvents.track().traits(values).properties(values).context(values).build());
	}

	@Test
	void writesTheBytesTheMapperWritesForTimesAtTheEdges() {
		for (Instant time : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 1),
				Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2025-03-01T10:15:30.100Z"),
				Instant.parse("2025-03-01T10:15:30.000001Z"))) {
			assertSameBytes(TestEvents.track().occurredAt(time).receivedAt(time).build());
		}
	}

	@Test
	void writesTheBytesTheMapperWritesForRandomEvents() {
		Random random = new Random(20261205);
		for (int run = 0; run < 2_000; run++) {
			EventType type = EventType.values()[random.nextInt(EventType.values().length)];
			var event = TestEvents.track()
				.messageId(text(random))
				.type(type)
				.name(random.nextBoolean() ? "n" + text(random) : "n")
				.channel(Channel.values()[random.nextInt(Channel.values().length)])
				.sourceId(text(random))
				.identifier(new Identifier(IdentifierType.of("custom_" + random.nextInt(5)), text(random)))
				.previousId(random.nextBoolean() ? "p" + text(random) : (type == EventType.ALIAS) ? "p" : null)
				.groupId(random.nextBoolean() ? "g" + text(random) : (type == EventType.GROUP) ? "g" : null)
				.traits(map(random, 0))
				.properties(map(random, 0))
				.context(map(random, 0))
				.occurredAt(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000)))
				.receivedAt(Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)));
			assertSameBytes(event.build());
		}
	}

	private static Map<String, @Nullable Object> map(Random random, int depth) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		int size = random.nextInt((depth == 0) ? 8 : 4);
		for (int index = 0; index < size; index++) {
			map.put(text(random), value(random, depth + 1));
		}
		return map;
	}

	private static @Nullable Object value(Random random, int depth) {
		return switch (random.nextInt((depth < 4) ? 10 : 8)) {
			case 0 -> null;
			case 1 -> random.nextInt();
			case 2 -> random.nextLong();
			case 3 -> random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(-20, 20))
					: (double) random.nextInt(1000);
			case 4 -> random.nextBoolean();
			case 5, 6, 7 -> text(random);
			case 8 -> map(random, depth);
			default -> {
				List<@Nullable Object> list = new ArrayList<>();
				for (int index = random.nextInt(4); index > 0; index--) {
					list.add(value(random, depth + 1));
				}
				yield list;
			}
		};
	}

	private static String text(Random random) {
		char[] pool = "abcXYZ09 _-.\"\\/\n\t\u0001\u007fé日😀".toCharArray();
		StringBuilder text = new StringBuilder();
		for (int index = random.nextInt(1, 12); index > 0; index--) {
			text.append(pool[random.nextInt(pool.length)]);
		}
		return text.toString();
	}

	private static void assertSameBytes(CustomerEvent event) {
		byte[] expected = ContractJson.mapper().writeValueAsBytes(event);
		byte[] written = CustomerEventWriter.write(event);
		assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
		assertThat(Arrays.equals(written, expected)).isTrue();
	}

}
