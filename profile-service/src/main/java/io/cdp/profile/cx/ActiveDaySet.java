package io.cdp.profile.cx;

import java.util.Base64;
import java.util.BitSet;

import io.cdp.contract.profile.CxFacts.ActiveDays;
import org.jspecify.annotations.Nullable;

/**
 * The distinct days a person was active, as {@link ActiveDays} holds them: a bitmap from
 * the earliest day held, cut to the {@value CxRecorder#ACTIVE_DAYS} days up to the
 * newest. Always written in one canonical form (the first day is the earliest set one),
 * so that two equal sets are equal facts whatever order their days came in. A set is a
 * union of days, so counting a day twice (two events on one day) changes nothing.
 */
final class ActiveDaySet {

	private final int first;

	private final BitSet bits;

	private ActiveDaySet(int first, BitSet bits) {
		this.first = first;
		this.bits = bits;
	}

	static ActiveDaySet of(int day) {
		BitSet bits = new BitSet(1);
		bits.set(0);
		return new ActiveDaySet(day, bits);
	}

	static ActiveDaySet from(ActiveDays facts) {
		return new ActiveDaySet(facts.first(), BitSet.valueOf(Base64.getDecoder().decode(facts.bits())));
	}

	/**
	 * The union of two sets, cut to the days up to the newest.
	 * @param a one set, or null
	 * @param b the other, or null
	 * @return the union, null only when both are
	 */
	static @Nullable ActiveDays union(@Nullable ActiveDays a, @Nullable ActiveDays b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		ActiveDaySet x = from(a);
		ActiveDaySet y = from(b);
		if (x.containsAll(y)) {
			return a;
		}
		if (y.containsAll(x)) {
			return b;
		}
		int newest = Math.max(x.lastDay(), y.lastDay());
		int base = Math.max(Math.min(x.first, y.first), newest - CxRecorder.ACTIVE_DAYS + 1);
		BitSet union = x.shiftedTo(base);
		union.or(y.shiftedTo(base));
		int offset = union.nextSetBit(0);
		return new ActiveDaySet(base + offset, union.get(offset, union.length())).toFacts();
	}

	ActiveDays toFacts() {
		return new ActiveDays(this.first, Base64.getEncoder().encodeToString(this.bits.toByteArray()));
	}

	/** The earliest day. */
	int firstDay() {
		return this.first;
	}

	/** The newest day. */
	int lastDay() {
		return this.first + this.bits.length() - 1;
	}

	/** How many distinct days. */
	int count() {
		return this.bits.cardinality();
	}

	private boolean containsAll(ActiveDaySet other) {
		if (other.first < this.first || other.lastDay() > lastDay()) {
			return false;
		}
		BitSet shifted = other.shiftedTo(this.first);
		shifted.andNot(this.bits);
		return shifted.isEmpty();
	}

	/** The days from {@code base} on, as bits relative to it. */
	private BitSet shiftedTo(int base) {
		BitSet shifted = new BitSet();
		int from = Math.max(0, base - this.first);
		for (int bit = this.bits.nextSetBit(from); bit >= 0; bit = this.bits.nextSetBit(bit + 1)) {
			shifted.set(this.first + bit - base);
		}
		return shifted;
	}

}
