package io.cdp.profile.audience;

import org.jspecify.annotations.Nullable;

/**
 * How a comparison holds between a person's value and the condition's value. Numbers
 * compare as numbers (a string holding a plain decimal counts as one), text exactly, and
 * a missing value (absent or JSON null) matches only {@link #NEQ}, {@link #NOT_IN} and
 * {@link #MISSING}.
 */
public enum Operator {

	/** Equal: the same number, the same text, the same boolean. */
	EQ("eq"),

	/** Not equal, or missing. */
	NEQ("neq"),

	/** A number greater than the value. */
	GT("gt"),

	/** A number greater than or equal to the value. */
	GTE("gte"),

	/** A number less than the value. */
	LT("lt"),

	/** A number less than or equal to the value. */
	LTE("lte"),

	/** Equal to one of the values of a list. */
	IN("in"),

	/** Equal to none of the values of a list, or missing. */
	NOT_IN("notIn"),

	/** Text containing the value (exactly, case included), or a list holding it. */
	CONTAINS("contains"),

	/** Text starting with the value (exactly). */
	STARTS_WITH("startsWith"),

	/** Present and not null; takes no value. */
	EXISTS("exists"),

	/** Absent or null; takes no value. */
	MISSING("missing");

	private final String wireName;

	Operator(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name the JSON uses.
	 * @return for example {@code notIn}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The operator of a name.
	 * @param wireName the name the JSON uses
	 * @return the operator, or null for an unknown name
	 */
	static @Nullable Operator fromWireName(String wireName) {
		for (Operator op : values()) {
			if (op.wireName.equals(wireName)) {
				return op;
			}
		}
		return null;
	}

	/** Whether the operator compares numbers only. */
	boolean isNumeric() {
		return this == GT || this == GTE || this == LT || this == LTE;
	}

	/** Whether the operator takes no value. */
	boolean isPresence() {
		return this == EXISTS || this == MISSING;
	}

}
