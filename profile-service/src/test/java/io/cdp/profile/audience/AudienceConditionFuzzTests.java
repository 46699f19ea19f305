package io.cdp.profile.audience;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.cdp.contract.json.ContractJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random JSON made of the language's own keys and of wrong values of every kind: the
 * parser answers each one without throwing, and every condition it accepts evaluates,
 * writes back and reads back equal.
 */
class AudienceConditionFuzzTests {

	private static final List<String> KEYS = List.of("all", "any", "not", "trait", "computedTrait", "journey", "cx",
			"identifier", "channel", "performed", "notPerformed", "consent", "op", "value", "event", "atLeast",
			"atMost", "withinDays", "where", "property", "stage", "status", "seenWithinDays", "notSeenForDays",
			"\u0000", "\ud800");

	private static final List<String> TEXTS = List.of("email", "web", "any", "eq", "in", "gte", "notIn", "exists",
			"missing", "contains", "purchase", "at-risk", "Order Completed", "plan", "a.b", "value.orders",
			"satisfaction.npsScore", "marketing", "", "\u0000", "\udc00", "x".repeat(300), "a..b");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Test
	void shouldAnswerRandomJsonWithoutThrowing() {
		Random random = new Random(42);
		Instant now = Instant.parse("2026-03-10T12:00:00Z");
		FixedSubject person = new FixedSubject().trait("plan", "\"pro\"").count("Order Completed", now, 2);
		person.lastSeen.put("web", now.minus(Duration.ofDays(3)));
		int valid = 0;
		for (int run = 0; run < 5_000; run++) {
			JsonNode json = (run % 2 == 0) ? randomValue(random, 0) : mutate(random,
					ContractJson.mapper().readTree(AudienceNextChangePropertyTests.randomCondition(random, 0)));
			ParsedCondition parsed = assertTimeoutPreemptively(Duration.ofSeconds(2),
					() -> ConditionParser.parse(json));
			if (parsed instanceof ParsedCondition.Valid(AudienceCondition condition)) {
				valid++;
				condition.matches(person, now);
				condition.nextChange(person, now);
				assertThat(ConditionParser.parse(condition.toJson()).orThrow()).isEqualTo(condition);
			}
			else {
				assertThat(((ParsedCondition.Invalid) parsed).errors()).isNotEmpty()
					.hasSizeLessThanOrEqualTo(ConditionParser.MAX_ERRORS);
			}
		}
		// Some random conditions are valid, so the evaluation above is exercised too.
		assertThat(valid).isGreaterThan(200);
	}

	/** A valid condition with, now and then, a value replaced or a key added. */
	private static JsonNode mutate(Random random, JsonNode json) {
		if (random.nextInt(12) == 0) {
			return randomValue(random, 3);
		}
		if (json instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				object.set(name, mutate(random, object.get(name)));
			}
			if (random.nextInt(30) == 0) {
				object.set(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, 3));
			}
		}
		else if (json instanceof ArrayNode array) {
			for (int index = 0; index < array.size(); index++) {
				array.set(index, mutate(random, array.get(index)));
			}
		}
		return json;
	}

	private static JsonNode randomValue(Random random, int depth) {
		int kind = random.nextInt((depth < 6) ? 10 : 6);
		return switch (kind) {
			case 0 -> NODES.textNode(TEXTS.get(random.nextInt(TEXTS.size())));
			case 1 -> NODES.numberNode(random.nextInt(-2, 40));
			case 2 -> NODES.numberNode(pick(random, 1e308, -0.0, 0.5, 1e15, Double.NaN));
			case 3 -> NODES.booleanNode(random.nextBoolean());
			case 4 -> NODES.nullNode();
			case 5 -> NODES.numberNode(new BigDecimal("1e" + random.nextInt(-400, 400)));
			case 6, 7 -> {
				ArrayNode array = NODES.arrayNode();
				int size = random.nextInt(4);
				for (int index = 0; index < size; index++) {
					array.add(randomValue(random, depth + 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = NODES.objectNode();
				int size = 1 + random.nextInt(3);
				for (int index = 0; index < size; index++) {
					object.set(KEYS.get(random.nextInt(KEYS.size())), randomValue(random, depth + 1));
				}
				yield object;
			}
		};
	}

	private static double pick(Random random, double... values) {
		return values[random.nextInt(values.length)];
	}

}
