package io.cdp.profile.audience;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A comparison of a person's value with a condition's value, such as {@code gte 100}. Its
 * rules are those of the journey stage rules' conditions, stated for JSON: two numbers
 * compare as numbers, a string holding a plain decimal counting as a number on either
 * side ({@code "100"} equals {@code 100.0}); two strings compare exactly, case included;
 * booleans equal only booleans; objects and arrays equal nothing. A value that is absent
 * or JSON null is missing: it matches {@code neq}, {@code notIn} and {@code missing} and
 * nothing else.
 *
 * @param op the operator
 * @param value what the person's value is compared with, as validated for the operator:
 * null for {@code exists} and {@code missing}, an array for {@code in} and {@code notIn},
 * a number for {@code gt}, {@code gte}, {@code lt} and {@code lte}, else a string, number
 * or boolean
 */
public record Comparison(Operator op, @Nullable JsonNode value) {

	/** Longer text is never read as a number, so no hostile exponent costs work. */
	private static final int MAX_NUMBER_TEXT = 40;

	private static final int MAX_TEXT_SCALE = 20;

	private static final int MAX_NUMBER_SCALE = 1000;

	/**
	 * Whether the comparison holds for a value.
	 * @param actual the person's value, or null when absent
	 * @return true when it holds
	 */
	public boolean test(@Nullable JsonNode actual) {
		boolean missing = actual == null || actual.isNull() || actual.isMissingNode();
		if (this.op == Operator.EXISTS || this.op == Operator.MISSING) {
			return missing == (this.op == Operator.MISSING);
		}
		if (missing || this.value == null) {
			return this.op == Operator.NEQ || this.op == Operator.NOT_IN;
		}
		return switch (this.op) {
			case EQ -> equal(actual, this.value);
			case NEQ -> !equal(actual, this.value);
			case IN -> anyEqual(actual, this.value);
			case NOT_IN -> !anyEqual(actual, this.value);
			case CONTAINS -> contains(actual, this.value);
			case STARTS_WITH ->
				actual.isString() && this.value.isString() && actual.asString().startsWith(this.value.asString());
			case GT, GTE, LT, LTE -> ordered(actual, this.value);
			case EXISTS, MISSING -> throw new IllegalStateException("handled above");
		};
	}

	private boolean ordered(JsonNode actual, JsonNode expected) {
		BigDecimal left = number(actual);
		BigDecimal right = number(expected);
		if (left == null || right == null) {
			return false;
		}
		int comparison = left.compareTo(right);
		return switch (this.op) {
			case GT -> comparison > 0;
			case GTE -> comparison >= 0;
			case LT -> comparison < 0;
			default -> comparison <= 0;
		};
	}

	private static boolean anyEqual(JsonNode actual, JsonNode values) {
		for (JsonNode value : values) {
			if (equal(actual, value)) {
				return true;
			}
		}
		return false;
	}

	private static boolean contains(JsonNode actual, JsonNode expected) {
		if (actual.isString()) {
			return expected.isString() && actual.asString().contains(expected.asString());
		}
		if (actual.isArray()) {
			for (JsonNode element : actual) {
				if (equal(element, expected)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether two values are equal: as numbers when both are numbers (or numeric text),
	 * else as text or as booleans.
	 */
	static boolean equal(@Nullable JsonNode left, @Nullable JsonNode right) {
		if (left == null || right == null) {
			return false;
		}
		BigDecimal leftNumber = number(left);
		BigDecimal rightNumber = number(right);
		if (leftNumber != null && rightNumber != null) {
			return leftNumber.compareTo(rightNumber) == 0;
		}
		if (left.isString() && right.isString()) {
			return left.asString().equals(right.asString());
		}
		return left.isBoolean() && right.isBoolean() && left.booleanValue() == right.booleanValue();
	}

	/**
	 * A value as a number: a JSON number, or text holding a plain decimal.
	 * @param value the value
	 * @return the number, or null when it is none (text, booleans, NaN, infinities)
	 */
	static @Nullable BigDecimal number(JsonNode value) {
		if (value.isNumber()) {
			if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) {
				return null;
			}
			BigDecimal number = value.decimalValue();
			return (Math.abs((long) number.scale()) > MAX_NUMBER_SCALE) ? null : number;
		}
		if (!value.isString()) {
			return null;
		}
		String text = value.asString().strip();
		if (text.isEmpty() || text.length() > MAX_NUMBER_TEXT || !plainDecimal(text)) {
			return null;
		}
		try {
			BigDecimal number = new BigDecimal(text);
			return (Math.abs((long) number.scale()) > MAX_TEXT_SCALE) ? null : number;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Digits with an optional sign, point and exponent: what {@link BigDecimal} reads,
	 * without the words Java's number parsing would take elsewhere.
	 */
	private static boolean plainDecimal(String text) {
		for (int index = 0; index < text.length(); index++) {
			char c = text.charAt(index);
			if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
				return false;
			}
		}
		return true;
	}

}
