package io.cdp.profile.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** The answers of the analytics endpoints. */
final class AnalyticsViews {

	private AnalyticsViews() {
	}

	/**
	 * The journey funnel.
	 *
	 * @param from the period's start
	 * @param to the period's end (exclusive)
	 * @param firstTouchChannel the filter on the first touch's channel, if any
	 * @param source the filter on the first touch's source, if any
	 * @param traits the trait filters
	 * @param stages the stages in journey order
	 * @param bottleneck the step with the lowest conversion
	 * @param largestDrop the step whose conversion fell most against the previous period,
	 * or null when none fell
	 * @param silent the people at risk and churned at the period's end
	 */
	record FunnelView(Instant from, Instant to, @Nullable String firstTouchChannel, @Nullable String source,
			Map<String, String> traits, List<StageView> stages, @Nullable Bottleneck bottleneck,
			@Nullable Bottleneck largestDrop, SilentView silent) {

	}

	/**
	 * One stage of the funnel.
	 *
	 * @param stage the stage
	 * @param entered the people who entered it in the period
	 * @param current the people whose furthest stage it is now
	 * @param convertedToNext of those who entered it, how many entered the next stage
	 * since (none for the last stage)
	 * @param conversion {@code convertedToNext / entered}
	 * @param medianHoursInStage the median time from entering it to entering the next
	 * stage, of those who did
	 * @param p90HoursInStage the 90th percentile of that time
	 * @param previousEntered the people who entered it in the previous period
	 * @param previousConversion the conversion of the previous period
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record StageView(String stage, long entered, long current, @Nullable Long convertedToNext,
			@Nullable Double conversion, @Nullable Double medianHoursInStage, @Nullable Double p90HoursInStage,
			long previousEntered, @Nullable Double previousConversion) {

	}

	/**
	 * A step of the funnel named as its bottleneck.
	 *
	 * @param from the stage
	 * @param to the next stage
	 * @param conversion its conversion in the period
	 * @param previousConversion its conversion in the previous period
	 * @param drop how much the conversion fell against the previous period
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Bottleneck(String from, String to, double conversion, @Nullable Double previousConversion,
			@Nullable Double drop) {

	}

	/**
	 * People silent for longer than their threshold, at a time.
	 *
	 * @param asOf the time
	 * @param atRisk how many are at risk
	 * @param atRiskReasons at risk, by likely reason
	 * @param churned how many churned
	 * @param churnedReasons churned, by likely reason
	 */
	record SilentView(Instant asOf, long atRisk, Map<String, Long> atRiskReasons, long churned,
			Map<String, Long> churnedReasons) {

	}

	/**
	 * The customer-experience overview.
	 *
	 * @param from the period's start
	 * @param to the period's end (exclusive)
	 * @param interval day, week or month
	 * @param periods each bucket's figures, in time order
	 * @param total the whole period's figures
	 * @param tickets the ticket trend
	 * @param silent the people at risk and churned at the period's end
	 * @param lifetimeValueByFirstTouchChannel the lifetime value of the people who bought
	 * in the period, by the channel of their first touch
	 */
	record OverviewView(Instant from, Instant to, String interval, List<PeriodFigures> periods, PeriodFigures total,
			TicketTrend tickets, SilentView silent, List<ChannelValueView> lifetimeValueByFirstTouchChannel) {

	}

	/**
	 * The period's revenue by channel of first touch.
	 *
	 * @param from the period's start
	 * @param to the period's end (exclusive)
	 * @param byFirstTouchChannel the orders and refunds per channel of first touch and
	 * currency
	 */
	record RevenueView(Instant from, Instant to, List<ChannelRevenueView> byFirstTouchChannel) {

	}

	/**
	 * The figures of one bucket (or of the whole period, without a start).
	 *
	 * @param start the first day of the bucket
	 * @param nps the NPS answers, or null when none
	 * @param csat the CSAT ratings, or null when none
	 * @param ticketsCreated tickets opened
	 * @param ticketsSolved tickets solved
	 * @param orders orders placed
	 * @param revenue their revenue per currency
	 * @param refunds refunds made
	 * @param refunded the amounts refunded per currency
	 * @param newCustomers people whose first purchase fell in it
	 * @param repeatCustomers people whose latest purchase fell in it, after an earlier
	 * one
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PeriodFigures(@Nullable LocalDate start, @Nullable NpsView nps, @Nullable CsatView csat, long ticketsCreated,
			long ticketsSolved, long orders, Map<String, String> revenue, long refunds, Map<String, String> refunded,
			long newCustomers, long repeatCustomers) {

	}

	/**
	 * NPS.
	 *
	 * @param score % promoters − % detractors
	 * @param answers the answers
	 * @param promoters answers of 9 and 10
	 * @param passives answers of 7 and 8
	 * @param detractors answers of 0 to 6
	 */
	record NpsView(double score, long answers, long promoters, long passives, long detractors) {

	}

	/**
	 * CSAT.
	 *
	 * @param average the average rating
	 * @param answers the ratings
	 * @param satisfied the share of ratings of 4 and 5
	 */
	record CsatView(double average, long answers, double satisfied) {

	}

	/**
	 * Tickets created over the period.
	 *
	 * @param perDay per day
	 * @param created in the period
	 * @param previousPeriodCreated in the previous period of the same length
	 * @param change {@code created / previousPeriodCreated - 1}
	 * @param slopePerDay the least-squares slope of the daily counts
	 * @param direction rising, falling or flat
	 */
	record TicketTrend(List<DayCount> perDay, long created, long previousPeriodCreated, @Nullable Double change,
			@Nullable Double slopePerDay, String direction) {

	}

	record DayCount(LocalDate day, long count) {

	}

	/**
	 * The orders and refunds of the period of one channel of first touch and currency.
	 *
	 * @param channel the channel of the buyers' first touch ({@code unknown} without one)
	 * @param currency the currency
	 * @param customers the people with an order in the period
	 * @param orders how many orders
	 * @param ordered what they came to
	 * @param refunds how many refunds
	 * @param refunded what was refunded
	 * @param revenue ordered less refunded
	 */
	record ChannelRevenueView(String channel, String currency, long customers, long orders, String ordered,
			long refunds, String refunded, String revenue) {

	}

	/**
	 * The lifetime value of the period's buyers of one channel of first touch and
	 * currency.
	 *
	 * @param channel the channel of their first touch
	 * @param currency the currency
	 * @param customers the people who bought in the period
	 * @param lifetimeValue what all their orders came to, less refunds
	 */
	record ChannelValueView(String channel, String currency, long customers, String lifetimeValue) {

	}

	/**
	 * The engagement heatmap.
	 *
	 * @param from the period's start
	 * @param to the period's end (exclusive)
	 * @param timeZone the time zone of the days and hours
	 * @param cells the interactions per day of week, hour and channel
	 * @param byChannel the interactions per channel
	 * @param busiest the hour of the week with the most interactions
	 */
	record EngagementView(Instant from, Instant to, String timeZone, List<HeatCellView> cells,
			Map<String, Long> byChannel, @Nullable HourOfWeek busiest) {

	}

	record HeatCellView(int dayOfWeek, String day, int hour, String channel, long events) {

	}

	record HourOfWeek(int dayOfWeek, String day, int hour, long events) {

	}

}
