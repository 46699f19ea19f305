package io.cdp.profile.audience;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The person an audience condition is evaluated against, as of one moment: the membership
 * step builds one from a profile and its own event counters ({@link ProfileSubject}),
 * tests from plain values. The values that depend on time (the journey status, the
 * customer-experience values of the last days) are those of the moment the condition is
 * evaluated at; the windows of the condition itself are computed by the condition from
 * the times and counts given here.
 */
public interface AudienceSubject {

	/**
	 * A trait's value.
	 * @param name the trait's name
	 * @return its JSON value, or null when the person has none
	 */
	@Nullable JsonNode trait(String name);

	/**
	 * A computed trait's value.
	 * @param name the computed trait's name
	 * @return its JSON value, or null when the person has none
	 */
	@Nullable JsonNode computedTrait(String name);

	/**
	 * The furthest journey stage reached.
	 * @return the stage ({@code awareness} ... {@code advocacy}), or null before any
	 */
	@Nullable String journeyStage();

	/**
	 * Whether the person is active, at risk or churned.
	 * @return {@code active}, {@code at-risk} or {@code churned}, or null without an
	 * interaction
	 */
	@Nullable String journeyStatus();

	/**
	 * When the journey status changes unless the person interacts first.
	 * @return the first moment of the new status (never later than it), or null when it
	 * does not change by time alone (churned, or no interaction)
	 */
	@Nullable Instant journeyStatusChangesAt();

	/**
	 * A customer-experience value.
	 * @param path the value's path
	 * @return its JSON value, or null when absent
	 */
	@Nullable JsonNode cx(CxPath path);

	/**
	 * Whether the person has an identifier of a type.
	 * @param type the identifier type, such as {@code email}
	 * @return true when they have at least one
	 */
	boolean hasIdentifier(String type);

	/**
	 * The latest interaction per channel.
	 * @return the time per channel name; a channel never seen is absent
	 */
	Map<String, Instant> lastSeen();

	/**
	 * Whether the person granted consent for a purpose.
	 * @param purpose the purpose, such as {@code marketing}
	 * @return true only when granted: a purpose never answered is not
	 */
	boolean consents(String purpose);

	/**
	 * How many counted events the person performed from the start of a UTC day on.
	 * @param counter the events counted
	 * @param since the start of the first day counted (midnight UTC)
	 * @return the count of that day and every later one
	 */
	long count(EventCounter counter, Instant since);

	/**
	 * The earliest day, from a day on, with a counted event. The default answers the day
	 * {@code since} itself whenever anything is counted, which is never later than the
	 * truth: {@link AudienceCondition#nextChange} then only wakes earlier than it needs
	 * to.
	 * @param counter the events counted
	 * @param since the start of the first day looked at (midnight UTC)
	 * @return the start of the earliest day with a count, or empty when none
	 */
	default Optional<Instant> firstCountedDay(EventCounter counter, Instant since) {
		return (count(counter, since) > 0) ? Optional.of(since) : Optional.empty();
	}

}
