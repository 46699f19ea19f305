package io.cdp.profile.audience;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validates the {@code value} of a comparison for its operator, naming every problem
 * through the parser that reads it.
 */
final class ComparisonValues {

	private ComparisonValues() {
	}

	static @Nullable Comparison read(ConditionParser parser, Operator op, String field, @Nullable JsonNode json) {
		boolean absent = json == null || json.isNull();
		if (op.isPresence()) {
			if (!absent) {
				parser.error(field, "must be left out for " + op.wireName());
				return null;
			}
			return new Comparison(op, null);
		}
		if (absent) {
			parser.error(field, "is required for " + op.wireName() + ": " + expected(op));
			return null;
		}
		boolean valid = switch (op) {
			case GT, GTE, LT, LTE -> {
				if (!ConditionParser.boundedNumber(json)) {
					parser.error(field, "must be " + expected(op));
					yield false;
				}
				yield true;
			}
			case IN, NOT_IN -> list(parser, op, field, json);
			case STARTS_WITH -> {
				if (!json.isString()) {
					parser.error(field, "must be " + expected(op));
					yield false;
				}
				yield parser.text(field, json, expected(op)) != null;
			}
			default -> scalar(parser, op, field, json);
		};
		return valid ? new Comparison(op, json) : null;
	}

	private static boolean list(ConditionParser parser, Operator op, String field, JsonNode json) {
		if (!json.isArray() || json.isEmpty() || json.size() > ConditionParser.MAX_IN_VALUES) {
			parser.error(field, "must be " + expected(op));
			return false;
		}
		boolean valid = true;
		for (int index = 0; index < json.size(); index++) {
			valid &= scalar(parser, op, field + "[" + index + "]", json.get(index));
		}
		return valid;
	}

	/** A string, number or boolean that a condition can hold. */
	private static boolean scalar(ConditionParser parser, Operator op, String field, JsonNode json) {
		if (json.isString()) {
			return parser.text(field, json, "a string, number or boolean") != null;
		}
		if (json.isNumber()) {
			if (!ConditionParser.boundedNumber(json)) {
				parser.error(field, "must be a number below 1e15 in magnitude, with at most 10 decimals");
				return false;
			}
			return true;
		}
		if (!json.isBoolean()) {
			parser.error(field, "must be "
					+ ((op == Operator.IN || op == Operator.NOT_IN) ? "a string, number or boolean" : expected(op)));
			return false;
		}
		return true;
	}

	private static String expected(Operator op) {
		return switch (op) {
			case GT, GTE, LT, LTE -> "a number below 1e15 in magnitude, with at most 10 decimals";
			case IN, NOT_IN -> "an array of 1 to " + ConditionParser.MAX_IN_VALUES + " strings, numbers or booleans";
			case STARTS_WITH -> "a non-empty string";
			default -> "a string, number or boolean";
		};
	}

}
