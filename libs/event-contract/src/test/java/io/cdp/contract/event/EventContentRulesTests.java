package io.cdp.contract.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.json.DeadLetterSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventContentRulesTests {

	private static final String LONE_HIGH = "\ud800";

	private static final String LONE_LOW = "\udc00";

	private static final String NUL = "\u0000";

	@Test
	void shouldLeaveAGoodEventUntouched() {
		CustomerEvent event = TestEvents.track()
			.properties(Map.of("products", List.of(Map.of("sku", "A-1", "name", "Café ☕ 😀")), "total", 19.99))
			.build();

		EventContent content = EventContentRules.check(event);

		assertThat(content).isInstanceOf(EventContent.Valid.class);
		EventContent.Valid valid = (EventContent.Valid) content;
		assertThat(valid.event()).isSameAs(event);
		assertThat(valid.repaired()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { LONE_HIGH, LONE_LOW, "abc" + LONE_HIGH, LONE_LOW + "\ud83d", NUL, "u-" + NUL + "-1" })
	void shouldRejectAMalformedIdentifierValue(String value) {
		CustomerEvent event = TestEvents.track().identifier(new Identifier(IdentifierType.ANONYMOUS_ID, value)).build();

		assertThat(EventContentRules.check(event)).isInstanceOfSatisfying(EventContent.Invalid.class, (invalid) -> {
			assertThat(invalid.field()).isEqualTo("identifiers[2].value");
			assertThat(invalid.reason()).startsWith("the anonymous_id identifier contains");
			assertThat(EventContentRules.isWellFormed(invalid.reason())).isTrue();
		});
	}

	@Test
	void shouldRejectMalformedNames() {
		assertInvalid(TestEvents.track().messageId("m-" + NUL).build(), "messageId", "messageId contains a NUL");
		assertInvalid(TestEvents.track().name("Order " + LONE_HIGH).build(), "name",
				"name contains an unpaired UTF-16 surrogate");
		assertInvalid(TestEvents.track().type(EventType.ALIAS).previousId(LONE_LOW).build(), "previousId",
				"previousId contains an unpaired");
		assertInvalid(TestEvents.track().type(EventType.GROUP).groupId("acme" + NUL).build(), "groupId",
				"groupId contains a NUL");
	}

	@Test
	void shouldRejectAMalformedKeyAtAnyDepth() {
		assertInvalid(TestEvents.track().traits(Map.of("plan" + LONE_HIGH, "pro")).build(), "traits.plan\ufffd",
				"a key in traits contains an unpaired UTF-16 surrogate");
		assertInvalid(
				TestEvents.track()
					.properties(Map.of("products", List.of(Map.of("ok", 1), Map.of("s" + NUL + "ku", "A-1"))))
					.build(),
				"properties.products[1].s\ufffdku", "a key in properties.products[1] contains a NUL character");
		assertInvalid(TestEvents.track().context(Map.of("device", Map.of(LONE_LOW, "x"))).build(),
				"context.device.\ufffd", "a key in context.device contains an unpaired");
	}

	@Test
	void shouldReplaceMalformedTextInValuesWithTheReplacementCharacter() {
		CustomerEvent event = TestEvents.track()
			.traits(Map.of("name", "Ada " + LONE_HIGH))
			.properties(Map.of("tags", List.of("ok", "bad" + NUL), "nested", Map.of("title", LONE_LOW + "x")))
			.context(Map.of("page", Map.of("title", "😀 half " + "\ud83d")))
			.build();

		EventContent.Valid valid = (EventContent.Valid) EventContentRules.check(event);

		assertThat(valid.repaired()).isTrue();
		assertThat(valid.event().traits()).containsEntry("name", "Ada \ufffd");
		assertThat(valid.event().properties()).containsEntry("tags", List.of("ok", "bad\ufffd"))
			.containsEntry("nested", Map.of("title", "\ufffdx"));
		assertThat(valid.event().context()).containsEntry("page", Map.of("title", "😀 half \ufffd"));
		assertThat(valid.event().messageId()).isEqualTo(event.messageId());
		assertThat(valid.repairs()).containsExactlyInAnyOrder(
				"traits.name: replaced an unpaired UTF-16 surrogate with U+FFFD",
				"properties.tags[1]: replaced a NUL character with U+FFFD",
				"properties.nested.title: replaced an unpaired UTF-16 surrogate with U+FFFD",
				"context.page.title: replaced an unpaired UTF-16 surrogate with U+FFFD");
	}

	@Test
	void shouldMakeARepairedEventSerializableAndReadableAgain() {
		CustomerEvent event = TestEvents.track().properties(Map.of("title", "cut " + "\ud83d")).build();

		CustomerEvent repaired = ((EventContent.Valid) EventContentRules.check(event)).event();
		CustomerEventSerde serde = new CustomerEventSerde();
		byte[] bytes = serde.serializer().serialize("t", repaired);

		assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(repaired);
	}

	@Test
	void shouldKeepAnOccurredAtInsideTheSafeRange() {
		for (Instant inside : List.of(EventContentRules.EARLIEST_OCCURRED_AT,
				EventContentRules.LATEST_OCCURRED_AT.minusNanos(1), Instant.parse("2025-03-01T10:00:00Z"))) {
			CustomerEvent event = TestEvents.track().occurredAt(inside).build();

			assertThat(EventContentRules.check(event)).isEqualTo(new EventContent.Valid(event, List.of()));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "1969-12-31T23:59:59.999999999Z", "2100-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
			"-1000000000-01-01T00:00:00Z" })
	void shouldReplaceAnOccurredAtOutsideTheSafeRangeByTheReceiptTimeKeepingTheOriginal(Instant outside) {
		CustomerEvent event = TestEvents.track().occurredAt(outside).build();

		EventContent.Valid valid = (EventContent.Valid) EventContentRules.check(event);

		assertThat(valid.event().occurredAt()).isEqualTo(TestEvents.RECEIVED_AT);
		assertThat(valid.event().context()).containsEntry("originalTimestamp", outside.toString())
			.containsEntry("ip", "203.0.113.7");
		assertThat(valid.repairs()).singleElement().asString().startsWith("occurredAt:");
	}

	@Test
	void shouldAcceptNestingUpToTheLimitAndRejectDeeper() {
		assertThat(EventContentRules.check(TestEvents.track().traits(nested(EventContentRules.MAX_DEPTH - 1)).build()))
			.isInstanceOf(EventContent.Valid.class);

		EventContent content = EventContentRules
			.check(TestEvents.track().traits(nested(EventContentRules.MAX_DEPTH)).build());

		assertThat(content).isInstanceOfSatisfying(EventContent.Invalid.class, (invalid) -> {
			assertThat(invalid.field()).startsWith("traits.a.a.a");
			assertThat(invalid.reason()).startsWith("traits must not be nested deeper than 64 levels");
		});
	}

	@Test
	void shouldCountArraysAsNesting() {
		Object value = "leaf";
		for (int level = 0; level < EventContentRules.MAX_DEPTH; level++) {
			value = List.of(value);
		}
		assertThat(EventContentRules.check(TestEvents.track().context(Map.of("deep", value)).build()))
			.isInstanceOfSatisfying(EventContent.Invalid.class,
					(invalid) -> assertThat(invalid.field()).startsWith("context.deep[0][0]"));
	}

	@Test
	void shouldBoundTheEntriesOfEachMapCountedAtEveryDepth() {
		// The test track already has two properties; the list's key is one more entry.
		List<Object> justEnough = new ArrayList<>();
		for (int index = 0; index < EventContentRules.MAX_ENTRIES - 3; index++) {
			justEnough.add(index);
		}
		assertThat(EventContentRules.check(TestEvents.track().properties(Map.of("list", justEnough)).build()))
			.isInstanceOf(EventContent.Valid.class);

		Map<String, Object> tooMany = new LinkedHashMap<>();
		for (int index = 0; index < EventContentRules.MAX_ENTRIES / 2; index++) {
			tooMany.put("k" + index, Map.of("v", index));
		}
		tooMany.put("one-more", 1);
		assertInvalid(TestEvents.track().properties(tooMany).build(), "properties",
				"properties must hold at most 2000 entries");
	}

	@Test
	void shouldBoundLengths() {
		String longKey = "k".repeat(EventContentRules.MAX_KEY_LENGTH + 1);
		assertInvalid(TestEvents.track().traits(Map.of(longKey, 1)).build(), "traits." + "k".repeat(64) + "…",
				"a key in traits must be at most 256 characters");
		assertThat(EventContentRules
			.check(TestEvents.track().traits(Map.of("k".repeat(EventContentRules.MAX_KEY_LENGTH), 1)).build()))
			.isInstanceOf(EventContent.Valid.class);
		assertInvalid(TestEvents.track().name("n".repeat(EventContentRules.MAX_NAME_LENGTH + 1)).build(), "name",
				"name must be at most 512 characters but has 513");
		assertInvalid(TestEvents.track()
			.identifier(new Identifier(IdentifierType.EMAIL, "e".repeat(EventContentRules.MAX_IDENTIFIER_LENGTH + 1)))
			.build(), "identifiers[2].value", "the email identifier must be at most 512 characters");
		assertInvalid(TestEvents.track()
			.type(EventType.GROUP)
			.groupId("g".repeat(EventContentRules.MAX_IDENTIFIER_LENGTH + 1))
			.build(), "groupId", "groupId must be at most 512 characters");
	}

	@Test
	void shouldTellWellFormedTextApart() {
		assertThat(EventContentRules.isWellFormed("plain, accents é, emoji 😀")).isTrue();
		assertThat(EventContentRules.problemIn("a\u0000")).isEqualTo("contains a NUL character");
		assertThat(EventContentRules.problemIn("\ud83d")).isEqualTo("contains an unpaired UTF-16 surrogate");
		assertThat(EventContentRules.problemIn("\ude00\ud83d")).isEqualTo("contains an unpaired UTF-16 surrogate");
		String good = "fine";
		assertThat(EventContentRules.wellFormed(good)).isSameAs(good);
		assertThat(EventContentRules.wellFormed("a\u0000b\ud83d\ude00c\ude00")).isEqualTo("a\ufffdb😀c\ufffd");
	}

	@Test
	void shouldSerializeADeadLetterWhosePayloadWasRepaired() {
		DeadLetter letter = new DeadLetter(EventContentRules.wellFormed("{\"userId\":\"\ud800\"}"), "bad", null, "src",
				TestEvents.RECEIVED_AT);
		DeadLetterSerde serde = new DeadLetterSerde();

		byte[] bytes = serde.serializer().serialize("t", letter);

		assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(letter);
	}

	private static Map<String, Object> nested(int levels) {
		Map<String, Object> map = Map.of("leaf", 1);
		for (int level = 0; level < levels; level++) {
			map = Map.of("a", map);
		}
		return map;
	}

	private static void assertInvalid(CustomerEvent event, String field, String reasonStart) {
		assertThat(EventContentRules.check(event)).isInstanceOfSatisfying(EventContent.Invalid.class, (invalid) -> {
			assertThat(invalid.field()).isEqualTo(field);
			assertThat(invalid.reason()).startsWith(reasonStart);
		});
	}

}
