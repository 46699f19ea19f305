package io.cdp.profile.audience;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How many counted events a person performed per UTC day, for one {@link EventCounter}:
 * what the membership step keeps per person and counter, as long as the counter's longest
 * window ({@link AudienceCondition#windowDays()}). Only days with a count are held, in
 * two parallel lists (JSON {@code {"days": [20510, 20517], "counts": [2, 1]}}), so a
 * counter of a rare event over years stays a few numbers. It is immutable: each change
 * answers a new value, as a Kafka Streams store wants it.
 *
 * @param days the days with a count, ascending: day numbers (days since 1970-01-01, UTC)
 * @param counts the count of each day, each above zero
 */
public record DailyCounts(List<Integer> days, List<Long> counts) {

	/** No count at all. */
	public static final DailyCounts EMPTY = new DailyCounts(List.of(), List.of());

	private static final long SECONDS_PER_DAY = 86_400;

	/**
	 * Copies the lists, which are immutable from then on; a missing list is empty.
	 * @throws IllegalArgumentException when the lists differ in length, the days are not
	 * ascending or a count is not above zero
	 */
	public DailyCounts {
		days = (days != null) ? List.copyOf(days) : List.of();
		counts = (counts != null) ? List.copyOf(counts) : List.of();
		if (days.size() != counts.size()) {
			throw new IllegalArgumentException(
					"days and counts must be as many, not " + days.size() + " and " + counts.size());
		}
		for (int index = 0; index < days.size(); index++) {
			if ((index > 0 && days.get(index) <= days.get(index - 1)) || counts.get(index) <= 0) {
				throw new IllegalArgumentException("days must ascend and counts be above zero, at index " + index);
			}
		}
	}

	/**
	 * The day number of a moment, held within the range of an {@code int}.
	 * @param at the moment
	 * @return days since 1970-01-01, UTC
	 */
	public static int day(Instant at) {
		return Math.clamp(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY), Integer.MIN_VALUE, Integer.MAX_VALUE);
	}

	/**
	 * These counts with more events on a day.
	 * @param day the day number
	 * @param count how many events, zero or more
	 * @return the new counts (a count past {@link Long#MAX_VALUE} stays there)
	 */
	public DailyCounts add(int day, long count) {
		if (count <= 0) {
			return this;
		}
		int index = Collections.binarySearch(this.days, day);
		List<Integer> newDays = new ArrayList<>(this.days);
		List<Long> newCounts = new ArrayList<>(this.counts);
		if (index >= 0) {
			long sum = this.counts.get(index) + count;
			newCounts.set(index, (sum < 0) ? Long.MAX_VALUE : sum);
		}
		else {
			newDays.add(-index - 1, day);
			newCounts.add(-index - 1, count);
		}
		return new DailyCounts(newDays, newCounts);
	}

	/**
	 * These counts with one more event at a moment.
	 * @param at when the event occurred
	 * @return the new counts
	 */
	public DailyCounts add(Instant at) {
		return add(day(at), 1);
	}

	/**
	 * The events of a day and every later one.
	 * @param day the first day counted
	 * @return the count (at most {@link Long#MAX_VALUE})
	 */
	public long countSince(int day) {
		long total = 0;
		for (int index = from(day); index < this.days.size(); index++) {
			total += this.counts.get(index);
			if (total < 0) {
				return Long.MAX_VALUE;
			}
		}
		return total;
	}

	/**
	 * The earliest day with a count, from a day on.
	 * @param day the first day looked at
	 * @return the day, or empty when none
	 */
	public OptionalInt firstDaySince(int day) {
		int index = from(day);
		return (index < this.days.size()) ? OptionalInt.of(this.days.get(index)) : OptionalInt.empty();
	}

	/**
	 * These counts without the days before a day: what the membership step keeps once a
	 * day has left the longest window ({@code today - windowDays + 1}).
	 * @param day the first day kept
	 * @return the counts kept
	 */
	public DailyCounts pruneBefore(int day) {
		int index = from(day);
		if (index == 0) {
			return this;
		}
		return new DailyCounts(this.days.subList(index, this.days.size()),
				this.counts.subList(index, this.counts.size()));
	}

	/**
	 * These counts and another's, day by day: a merged profile's counts joined into the
	 * survivor's.
	 * @param other the other counts
	 * @return the sum
	 */
	public DailyCounts plus(DailyCounts other) {
		DailyCounts sum = this;
		for (int index = 0; index < other.days.size(); index++) {
			sum = sum.add(other.days.get(index), other.counts.get(index));
		}
		return sum;
	}

	/**
	 * Whether no day has a count.
	 * @return true when empty
	 */
	@JsonIgnore
	public boolean isEmpty() {
		return this.days.isEmpty();
	}

	/** The index of the first day at or after a day. */
	private int from(int day) {
		int index = Collections.binarySearch(this.days, day);
		return (index >= 0) ? index : -index - 1;
	}

}
