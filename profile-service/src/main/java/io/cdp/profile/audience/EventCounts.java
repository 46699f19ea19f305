package io.cdp.profile.audience;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The counts of a person's events per {@link EventCounter}, as the membership step keeps
 * them: what a {@link ProfileSubject} answers {@link AudienceSubject#count} from.
 */
public interface EventCounts {

	/** No events counted. */
	EventCounts NONE = of(Map.of());

	/**
	 * How many counted events from a day on.
	 * @param counter the events counted
	 * @param since the start of the first day counted
	 * @return the count
	 */
	long count(EventCounter counter, Instant since);

	/**
	 * The earliest day with a counted event, from a day on.
	 * @param counter the events counted
	 * @param since the start of the first day looked at
	 * @return the start of that day, or empty when none
	 */
	Optional<Instant> firstCountedDay(EventCounter counter, Instant since);

	/**
	 * Counts held per counter; a counter without an entry counts nothing.
	 * @param counts the day counts per counter
	 * @return the counts
	 */
	static EventCounts of(Map<EventCounter, DailyCounts> counts) {
		return new EventCounts() {

			@Override
			public long count(EventCounter counter, Instant since) {
				return counts.getOrDefault(counter, DailyCounts.EMPTY).countSince(DailyCounts.day(since));
			}

			@Override
			public Optional<Instant> firstCountedDay(EventCounter counter, Instant since) {
				OptionalInt first = counts.getOrDefault(counter, DailyCounts.EMPTY)
					.firstDaySince(DailyCounts.day(since));
				return first.isPresent() ? Optional.of(ConditionEvaluator.dayStart(first.getAsInt()))
						: Optional.empty();
			}

		};
	}

}
