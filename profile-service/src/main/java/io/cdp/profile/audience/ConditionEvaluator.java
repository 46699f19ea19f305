package io.cdp.profile.audience;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.cdp.profile.audience.Condition.All;
import io.cdp.profile.audience.Condition.Any;
import io.cdp.profile.audience.Condition.Channel;
import io.cdp.profile.audience.Condition.ComputedTrait;
import io.cdp.profile.audience.Condition.Consent;
import io.cdp.profile.audience.Condition.Cx;
import io.cdp.profile.audience.Condition.Identifier;
import io.cdp.profile.audience.Condition.Journey;
import io.cdp.profile.audience.Condition.Not;
import io.cdp.profile.audience.Condition.NotPerformed;
import io.cdp.profile.audience.Condition.Performed;
import io.cdp.profile.audience.Condition.Trait;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a condition against a person at a moment, and finds when its answer may next
 * change without an event. Every window is whole UTC days, so a window's answer only
 * changes at a midnight: a counted day or the latest sighting leaving it.
 */
final class ConditionEvaluator {

	private static final long SECONDS_PER_DAY = 86_400;

	private final AudienceSubject subject;

	private final Instant now;

	private final long today;

	ConditionEvaluator(AudienceSubject subject, Instant now) {
		this.subject = subject;
		this.now = now;
		this.today = day(now);
	}

	boolean matches(Condition condition) {
		return switch (condition) {
			case All all -> all.conditions().stream().allMatch(this::matches);
			case Any any -> any.conditions().stream().anyMatch(this::matches);
			case Not not -> !matches(not.condition());
			case Trait trait -> trait.comparison()
				.test(ValuePaths.at(this.subject.trait(trait.path().get(0)),
						trait.path().subList(1, trait.path().size())));
			case ComputedTrait computed -> computed.comparison().test(this.subject.computedTrait(computed.name()));
			case Journey journey -> in(journey.stages(), this.subject.journeyStage())
					&& in(journey.statuses(), this.subject.journeyStatus());
			case Cx cx -> cx.comparison().test(this.subject.cx(cx.path()));
			case Identifier identifier -> this.subject.hasIdentifier(identifier.type());
			case Channel channel -> seenWithin(channel) == channel.seen();
			case Performed performed -> performed.passes(count(performed.counter(), performed.withinDays()));
			case NotPerformed notPerformed -> count(notPerformed.counter(), notPerformed.withinDays()) == 0;
			case Consent consent -> this.subject.consents(consent.purpose());
		};
	}

	/**
	 * The earliest moment after now at which the answer may change without an event: the
	 * earliest such moment of any condition in the tree, whatever combines them.
	 */
	@Nullable Instant nextChange(Condition condition) {
		return switch (condition) {
			case All all -> earliest(all.conditions());
			case Any any -> earliest(any.conditions());
			case Not not -> nextChange(not.condition());
			case Trait trait -> null;
			case ComputedTrait computed -> null;
			case Identifier identifier -> null;
			case Consent consent -> null;
			case Journey journey -> journey.statuses().isEmpty() ? null : future(this.subject.journeyStatusChangesAt());
			case Cx cx -> cx.path().daily() ? dayStart(this.today + 1) : null;
			case Channel channel -> channelChange(channel);
			case Performed performed -> performedChange(performed);
			case NotPerformed notPerformed -> countChange(notPerformed.counter(), notPerformed.withinDays());
		};
	}

	private @Nullable Instant earliest(List<Condition> conditions) {
		Instant earliest = null;
		for (Condition condition : conditions) {
			Instant next = nextChange(condition);
			if (next != null && (earliest == null || next.isBefore(earliest))) {
				earliest = next;
			}
		}
		return earliest;
	}

	private boolean seenWithin(Channel channel) {
		Instant last = lastSeen(channel.channel());
		return last != null && day(last) >= windowStart(channel.days());
	}

	/** A sighting in the window leaves it at the midnight {@code days} days after it. */
	private @Nullable Instant channelChange(Channel channel) {
		Instant last = lastSeen(channel.channel());
		if (last == null || day(last) < windowStart(channel.days())) {
			return null;
		}
		return dayStart(day(last) + channel.days());
	}

	private @Nullable Instant lastSeen(String channel) {
		if (!Channel.ANY.equals(channel)) {
			return this.subject.lastSeen().get(channel);
		}
		Instant latest = null;
		for (Instant at : this.subject.lastSeen().values()) {
			latest = (latest == null || at.isAfter(latest)) ? at : latest;
		}
		return latest;
	}

	/**
	 * Without events a count only falls, as its days leave the window: so a count already
	 * below a lower bound with no upper bound stays failing, and a count of zero stays
	 * zero.
	 */
	private @Nullable Instant performedChange(Performed performed) {
		if (performed.atMost() < 0) {
			long count = count(performed.counter(), performed.withinDays());
			if (performed.atLeast() == 0 || count < performed.atLeast()) {
				return null;
			}
		}
		return countChange(performed.counter(), performed.withinDays());
	}

	/** The count falls when its earliest counted day leaves the window. */
	private @Nullable Instant countChange(EventCounter counter, int days) {
		long start = windowStart(days);
		return this.subject.firstCountedDay(counter, dayStart(start))
			.map((first) -> dayStart(Math.max(day(first), start) + days))
			.orElse(null);
	}

	private long count(EventCounter counter, int days) {
		return this.subject.count(counter, dayStart(windowStart(days)));
	}

	private long windowStart(int days) {
		return this.today - days + 1;
	}

	private @Nullable Instant future(@Nullable Instant at) {
		return (at != null && at.isAfter(this.now)) ? at : null;
	}

	private static boolean in(Set<String> allowed, @Nullable String value) {
		return allowed.isEmpty() || (value != null && allowed.contains(value));
	}

	/**
	 * The day number of a moment: days since 1970-01-01, UTC.
	 * @param at the moment
	 * @return the day
	 */
	static long day(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
	}

	/**
	 * Midnight UTC at the start of a day, held within the range of {@link Instant}.
	 * @param day the day number
	 * @return the moment
	 */
	static Instant dayStart(long day) {
		long min = Math.floorDiv(Instant.MIN.getEpochSecond(), SECONDS_PER_DAY) + 1;
		long max = Math.floorDiv(Instant.MAX.getEpochSecond(), SECONDS_PER_DAY);
		return Instant.ofEpochSecond(Math.clamp(day, min, max) * SECONDS_PER_DAY);
	}

}
