package io.cdp.profile.audience;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cdp.profile.audience.Condition.All;
import io.cdp.profile.audience.Condition.Any;
import io.cdp.profile.audience.Condition.Not;
import io.cdp.profile.audience.Condition.NotPerformed;
import io.cdp.profile.audience.Condition.Performed;
import tools.jackson.databind.node.ObjectNode;

/**
 * An audience's condition, validated: what a membership step evaluates for each person
 * when their profile changes and when {@link #nextChange} comes, and what it must count
 * for that ({@link #counters()}, {@link #windowDays()}).
 *
 * <p>
 * Windows are whole UTC days: "in the last 30 days" is today (UTC) and the 29 days
 * before, so the answer of a window only changes at a UTC midnight, and a per-day count
 * ({@link DailyCounts}) answers it exactly. Events dated after now (a client's clock
 * ahead) count in every window that has started.
 */
public final class AudienceCondition {

	private final Condition root;

	private final Map<EventCounter, Integer> windowDays;

	/**
	 * Wraps a condition tree; {@link ConditionParser} builds the valid ones.
	 * @param root the root of the tree
	 */
	public AudienceCondition(Condition root) {
		this.root = root;
		Map<EventCounter, Integer> windows = new LinkedHashMap<>();
		collect(root, windows);
		this.windowDays = Collections.unmodifiableMap(windows);
	}

	/**
	 * The root of the condition tree.
	 * @return the root
	 */
	public Condition root() {
		return this.root;
	}

	/**
	 * The event counters the condition reads: what the membership step counts per person
	 * and per UTC day.
	 * @return the counters, without repeats
	 */
	public Set<EventCounter> counters() {
		return this.windowDays.keySet();
	}

	/**
	 * The longest window each counter is read over: how many days of counts to keep
	 * (today included).
	 * @return the days per counter
	 */
	public Map<EventCounter, Integer> windowDays() {
		return this.windowDays;
	}

	/**
	 * Whether a person matches at a moment.
	 * @param subject the person, as of that moment
	 * @param now the moment
	 * @return true when the condition holds
	 */
	public boolean matches(AudienceSubject subject, Instant now) {
		return new ConditionEvaluator(subject, now).matches(this.root);
	}

	/**
	 * The earliest moment after {@code now} at which the answer may change without a new
	 * event or profile change: a counted day leaving a window, the latest sighting on a
	 * channel leaving a {@code seenWithinDays} or {@code notSeenForDays} window, the
	 * journey status changing, a UTC midnight for the customer-experience values of the
	 * last days. It is never later than the change, and may be earlier (it is the
	 * earliest such moment of any part of the condition, whether or not that part turns
	 * the whole), so evaluating again then answers either the same or the change. Until
	 * then, without an event, the answer is the one at {@code now}.
	 * @param subject the person, as of {@code now}
	 * @param now the moment
	 * @return the moment to evaluate again, or empty when only an event can change the
	 * answer
	 */
	public Optional<Instant> nextChange(AudienceSubject subject, Instant now) {
		return Optional.ofNullable(new ConditionEvaluator(subject, now).nextChange(this.root))
			.filter((at) -> at.isAfter(now));
	}

	/**
	 * The condition as JSON, in the canonical form {@link ConditionParser} reads back
	 * into an equal condition.
	 * @return the JSON
	 */
	public ObjectNode toJson() {
		return ConditionJson.write(this.root);
	}

	private static void collect(Condition condition, Map<EventCounter, Integer> windows) {
		switch (condition) {
			case All all -> all.conditions().forEach((item) -> collect(item, windows));
			case Any any -> any.conditions().forEach((item) -> collect(item, windows));
			case Not not -> collect(not.condition(), windows);
			case Performed performed -> windows.merge(performed.counter(), performed.withinDays(), Math::max);
			case NotPerformed notPerformed ->
				windows.merge(notPerformed.counter(), notPerformed.withinDays(), Math::max);
			default -> {
			}
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AudienceCondition condition && this.root.equals(condition.root);
	}

	@Override
	public int hashCode() {
		return this.root.hashCode();
	}

	@Override
	public String toString() {
		return toJson().toString();
	}

}
