package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The customer-experience values of a person, derived from the facts of their profile
 * ({@link io.cdp.contract.profile.CxFacts}) at one moment: the values that depend on time
 * (recency, tickets of the last 30 days, at risk, churned) are as of that moment. Absent
 * values are not written.
 *
 * @param value what the person bought
 * @param engagement where and when the person interacts, and how to reach them
 * @param satisfaction survey answers and support tickets
 * @param journey the journey stage, its history, and whether the person is at risk
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerExperience(Value value, Engagement engagement, Satisfaction satisfaction, Journey journey) {

	/**
	 * What the person bought. Amounts are decimal strings, exact, per currency: a
	 * lifetime value is never converted between currencies.
	 *
	 * @param orders how many orders were completed
	 * @param refunds how many refunds were made
	 * @param customer {@code new} after one order, {@code repeat} after two or more;
	 * absent before any
	 * @param firstPurchaseAt when the first order was completed
	 * @param lastPurchaseAt when the latest order was completed
	 * @param currencies the amounts per currency code
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Value(long orders, long refunds, @Nullable String customer, @Nullable Instant firstPurchaseAt,
			@Nullable Instant lastPurchaseAt, Map<String, CurrencyValue> currencies) {

	}

	/**
	 * The amounts of one currency.
	 *
	 * @param orders the orders with an amount in this currency
	 * @param lifetimeValue what they came to, less refunds
	 * @param ordered what they came to
	 * @param refunded what was refunded
	 * @param averageOrderValue the lifetime value per order, rounded to the currency's
	 * minor unit; absent without orders
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record CurrencyValue(long orders, String lifetimeValue, String ordered, String refunded,
			@Nullable String averageOrderValue) {

	}

	/**
	 * Where and when the person interacts.
	 *
	 * @param lastSeen the latest interaction per channel
	 * @param lastActiveAt the latest interaction on any channel
	 * @param preferredChannel the channel with the most interactions in the last 90 days
	 * (ties go to the channel seen last)
	 * @param bestHour the hour of the day (0-23) with the most opens, clicks, app
	 * sessions and visits, in {@code timeZone}
	 * @param bestDay the day of the week ({@code monday}...) with the most of them
	 * @param timeZone the person's time zone (the latest {@code context.timezone}), or
	 * {@code UTC} when none is known
	 * @param emailsDelivered emails delivered
	 * @param emailsOpened opens reported
	 * @param emailsClicked link clicks reported
	 * @param emailOpenRate opens per delivered email, at most 1; absent without a
	 * delivery
	 * @param emailClickRate clicks per delivered email, at most 1; absent without a
	 * delivery
	 * @param unsubscribed whether the latest subscription change was an unsubscribe
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Engagement(Map<String, Instant> lastSeen, @Nullable Instant lastActiveAt,
			@Nullable String preferredChannel, @Nullable Integer bestHour, @Nullable String bestDay, String timeZone,
			long emailsDelivered, long emailsOpened, long emailsClicked, @Nullable Double emailOpenRate,
			@Nullable Double emailClickRate, boolean unsubscribed) {

	}

	/**
	 * Survey answers and support tickets.
	 *
	 * @param npsScore the latest NPS answer, 0-10
	 * @param npsClass {@code promoter} (9-10), {@code passive} (7-8) or {@code detractor}
	 * (0-6)
	 * @param npsAnsweredAt when it was given
	 * @param csat the latest satisfaction rating
	 * @param csatAverage the average of every rating, to two decimals
	 * @param csatCount how many ratings there were
	 * @param openTickets tickets opened less tickets solved (never below zero)
	 * @param ticketsLast30Days tickets opened in the last 30 days
	 * @param lastTicketSubject the subject of the latest ticket opened
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Satisfaction(@Nullable Integer npsScore, @Nullable String npsClass, @Nullable Instant npsAnsweredAt,
			@Nullable Integer csat, @Nullable BigDecimal csatAverage, long csatCount, long openTickets,
			long ticketsLast30Days, @Nullable String lastTicketSubject) {

	}

	/**
	 * The journey: the furthest stage reached and whether the person is still active.
	 *
	 * @param stage the furthest stage reached ({@code awareness} ... {@code advocacy})
	 * @param stageEnteredAt when it was entered
	 * @param status {@code active}, {@code at-risk} or {@code churned}; absent before any
	 * interaction
	 * @param reason why an at-risk or churned person likely left: {@code detractor},
	 * {@code open-ticket}, {@code unsubscribed}, {@code payment-failed} or {@code none}
	 * @param silentDays whole days since the latest interaction
	 * @param usualGapDays the mean gap in days between the person's active days (the last
	 * three years); absent with fewer than two
	 * @param atRiskAfterDays the silence, in days, after which this person is at risk
	 * @param history every stage reached, in journey order, with when it was entered
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Journey(@Nullable String stage, @Nullable Instant stageEnteredAt, @Nullable String status,
			@Nullable String reason, @Nullable Long silentDays, @Nullable Double usualGapDays,
			@Nullable Double atRiskAfterDays, List<StageEntry> history) {

	}

	/**
	 * A stage reached.
	 *
	 * @param stage the stage
	 * @param enteredAt when it was entered
	 */
	public record StageEntry(String stage, Instant enteredAt) {

	}

}
