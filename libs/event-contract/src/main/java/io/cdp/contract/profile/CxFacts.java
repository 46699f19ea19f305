package io.cdp.contract.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The customer-experience facts of a profile: what the profile service has counted of the
 * person's purchases, engagement, satisfaction and journey, from which the values the
 * profile API shows (lifetime value, preferred channel, best hour, journey stage, at
 * risk...) are derived at the time they are asked for.
 *
 * <p>
 * Only facts that combine the same whatever the order are kept: counts and sums, the
 * earliest and latest times, the latest answer by time then message id, histograms, and
 * day counts pruned relative to the newest day they hold. So a profile built from its
 * events in any order, merged with others in any order, holds the same facts, which the
 * partitioned identity protocol needs. Nothing derived (a stage, a class, an average, a
 * rate) is stored: it is computed from these facts and the rules in force. Amounts are
 * decimal strings, never binary floating point, so that sums are exact.
 *
 * <p>
 * Each group is absent (null) until an event contributes to it, and empty collections are
 * not written, to keep the record on {@code cdp.profiles.v1} small.
 *
 * @param purchases orders, refunds and revenue per currency
 * @param engagement when and where the person interacts
 * @param satisfaction survey answers and support tickets
 * @param journey per journey stage (its lower-case name), one signal per rule of the
 * stage, in the order of the rules
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CxFacts(@Nullable Purchases purchases, @Nullable Engagement engagement,
		@Nullable Satisfaction satisfaction, Map<String, List<StageSignal>> journey) {

	/** An empty value, as held before any event. */
	public static final CxFacts EMPTY = new CxFacts(null, null, null, Map.of());

	/** Copies the map, which is immutable from then on; a missing one is empty. */
	public CxFacts {
		journey = (journey != null) ? Map.copyOf(journey) : Map.of();
	}

	/**
	 * What the person bought, following the Segment e-commerce spec.
	 *
	 * @param orders how many orders were completed
	 * @param refunds how many refunds were made
	 * @param firstOrderAt occurredAt of the earliest order
	 * @param lastOrderAt occurredAt of the latest order
	 * @param lastPaymentFailedAt occurredAt of the latest failed payment
	 * @param currencies amounts per ISO 4217 currency code (upper case)
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Purchases(long orders, long refunds, @Nullable Instant firstOrderAt, @Nullable Instant lastOrderAt,
			@Nullable Instant lastPaymentFailedAt, Map<String, Money> currencies) {

		/** Copies the map, which is immutable from then on. */
		public Purchases {
			currencies = (currencies != null) ? Map.copyOf(currencies) : Map.of();
		}

	}

	/**
	 * The amounts of one currency.
	 *
	 * @param orders how many orders carried an amount in this currency
	 * @param ordered the sum of their amounts, a plain decimal string
	 * @param refunded the sum of the refunds in this currency, a plain decimal string
	 */
	public record Money(long orders, String ordered, String refunded) {

	}

	/**
	 * When, where and how the person interacts. Interactions are the events the person
	 * makes (not the emails sent to them).
	 *
	 * @param lastSeen occurredAt of the latest interaction per channel
	 * @param recentDays interactions per channel per day, for the 90 days up to the
	 * newest day held (over all channels)
	 * @param reachLocal reach events (opens, clicks, app sessions, visits) per hour of
	 * the week in the time zone the event carried: {@code 0} is Monday 00:00-00:59,
	 * {@code 167} Sunday 23:00-23:59
	 * @param reachUtc reach events without a time zone, per hour of the week in UTC
	 * @param timezone the latest {@code context.timezone} the person's events carried
	 * @param emailsDelivered how many emails were delivered
	 * @param emailsOpened how many opens were reported (an email opened twice counts
	 * twice)
	 * @param emailsClicked how many link clicks were reported
	 * @param subscription the latest subscription change: {@code unsubscribed} or
	 * {@code subscribed}
	 * @param activeDays the distinct days (UTC) with an interaction
	 * @param firstTouch the person's first interaction: its channel and source
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Engagement(Map<String, Instant> lastSeen, Map<String, DayCounts> recentDays,
			Map<Integer, Long> reachLocal, Map<Integer, Long> reachUtc, @Nullable Latest timezone, long emailsDelivered,
			long emailsOpened, long emailsClicked, @Nullable Latest subscription, @Nullable ActiveDays activeDays,
			@Nullable Touch firstTouch) {

		/** Copies the maps, which are immutable from then on. */
		public Engagement {
			lastSeen = (lastSeen != null) ? Map.copyOf(lastSeen) : Map.of();
			recentDays = (recentDays != null) ? Map.copyOf(recentDays) : Map.of();
			reachLocal = (reachLocal != null) ? Map.copyOf(reachLocal) : Map.of();
			reachUtc = (reachUtc != null) ? Map.copyOf(reachUtc) : Map.of();
		}

	}

	/**
	 * Counts of consecutive days, from the first day with a count to the last: the count
	 * of day {@code first + i} is {@code counts[i]}.
	 *
	 * @param first the first day, a day number (days since 1970-01-01, UTC)
	 * @param counts the counts, the first and the last never zero
	 */
	public record DayCounts(int first, List<Long> counts) {

		/** Copies the list, which is immutable from then on. */
		public DayCounts {
			counts = (counts != null) ? List.copyOf(counts) : List.of();
		}

	}

	/**
	 * The set of days with an interaction, for the 1,095 days (three years) up to the
	 * newest held, as a bitmap: bit {@code i} of the bytes (least significant bit of byte
	 * 0 first) is the day {@code first + i}.
	 *
	 * @param first the earliest day held, a day number (days since 1970-01-01, UTC)
	 * @param bits the bitmap, Base64
	 */
	public record ActiveDays(int first, String bits) {

	}

	/**
	 * Survey answers and support tickets.
	 *
	 * @param nps the latest NPS answer (0-10)
	 * @param csat the latest satisfaction rating
	 * @param csatCount how many satisfaction ratings there were
	 * @param csatTotal the sum of their scores
	 * @param ticketsCreated how many support tickets were opened
	 * @param ticketsSolved how many were solved
	 * @param recentTickets tickets opened per day (day number, UTC), for the 30 days up
	 * to the newest day held
	 * @param lastTicket the subject of the latest ticket opened (the value is null when
	 * it had none)
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public record Satisfaction(@Nullable Answer nps, @Nullable Answer csat, long csatCount, long csatTotal,
			long ticketsCreated, long ticketsSolved, Map<Integer, Long> recentTickets, @Nullable Latest lastTicket) {

		/** Copies the map, which is immutable from then on. */
		public Satisfaction {
			recentTickets = (recentTickets != null) ? Map.copyOf(recentTickets) : Map.of();
		}

	}

	/**
	 * The latest of a kind of fact. The message id breaks ties between two facts at the
	 * same instant, so the winner does not depend on the order they arrive in.
	 *
	 * @param value the fact
	 * @param occurredAt when it happened
	 * @param messageId the event that said it
	 */
	public record Latest(@Nullable String value, Instant occurredAt, String messageId) {

		/**
		 * Whether this fact is newer than the other: later, or at the same instant with
		 * the greater message id.
		 * @param other the other fact
		 * @return true when this one wins
		 */
		public boolean isNewerThan(Latest other) {
			int byTime = this.occurredAt.compareTo(other.occurredAt);
			return (byTime != 0) ? byTime > 0 : this.messageId.compareTo(other.messageId) > 0;
		}

	}

	/**
	 * One interaction of the person, kept as their first: the earliest by time, then by
	 * message id.
	 *
	 * @param channel the channel it came on
	 * @param sourceId the source that sent it
	 * @param occurredAt when it happened
	 * @param messageId the event
	 */
	public record Touch(String channel, String sourceId, Instant occurredAt, String messageId) {

		/**
		 * Whether this touch came before the other: earlier, or at the same instant with
		 * the smaller message id.
		 * @param other the other touch
		 * @return true when this one is the first
		 */
		public boolean isEarlierThan(Touch other) {
			int byTime = this.occurredAt.compareTo(other.occurredAt);
			return (byTime != 0) ? byTime < 0 : this.messageId.compareTo(other.messageId) < 0;
		}

	}

	/**
	 * A survey answer, the latest one by time then message id.
	 *
	 * @param score the score
	 * @param occurredAt when it was given
	 * @param messageId the event that gave it
	 */
	public record Answer(int score, Instant occurredAt, String messageId) {

		/**
		 * Whether this answer is newer than the other: later, or at the same instant with
		 * the greater message id.
		 * @param other the other answer
		 * @return true when this one wins
		 */
		public boolean isNewerThan(Answer other) {
			int byTime = this.occurredAt.compareTo(other.occurredAt);
			return (byTime != 0) ? byTime > 0 : this.messageId.compareTo(other.messageId) > 0;
		}

	}

	/**
	 * The events qualifying for one rule of a journey stage.
	 *
	 * @param first the earliest occurredAt of qualifying events, ascending, as many as
	 * the rule needs (two for a repeat purchase)
	 * @param last the latest occurredAt of a qualifying event, kept only for a stage that
	 * counts from an earlier stage on
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record StageSignal(List<Instant> first, @Nullable Instant last) {

		/** Copies the list, which is immutable from then on. */
		public StageSignal {
			first = (first != null) ? List.copyOf(first) : List.of();
		}

	}

}
