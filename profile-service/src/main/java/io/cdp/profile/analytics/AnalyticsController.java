package io.cdp.profile.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.cdp.contract.event.EventType;
import io.cdp.profile.analytics.AnalyticsRepository.AmountSum;
import io.cdp.profile.analytics.AnalyticsRepository.Filters;
import io.cdp.profile.analytics.AnalyticsRepository.HeatCell;
import io.cdp.profile.analytics.AnalyticsRepository.People;
import io.cdp.profile.analytics.AnalyticsRepository.ScoreCount;
import io.cdp.profile.analytics.AnalyticsRepository.StageCounts;
import io.cdp.profile.analytics.AnalyticsViews.Bottleneck;
import io.cdp.profile.analytics.AnalyticsViews.CsatView;
import io.cdp.profile.analytics.AnalyticsViews.EngagementView;
import io.cdp.profile.analytics.AnalyticsViews.FunnelView;
import io.cdp.profile.analytics.AnalyticsViews.NpsView;
import io.cdp.profile.analytics.AnalyticsViews.OverviewView;
import io.cdp.profile.analytics.AnalyticsViews.RevenueView;
import io.cdp.profile.analytics.AnalyticsViews.PeriodFigures;
import io.cdp.profile.analytics.AnalyticsViews.SilentView;
import io.cdp.profile.analytics.AnalyticsViews.StageView;
import io.cdp.profile.analytics.AnalyticsViews.TicketTrend;
import io.cdp.profile.api.InvalidParameterException;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.cx.CxProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analytics across customers, as JSON or, with {@code Accept: text/csv} or
 * {@code format=csv}, as CSV: the journey funnel with its bottleneck, the
 * customer-experience overview, and the engagement heatmap. Event names (orders, tickets,
 * survey answers) are those of the customer-experience settings ({@code cdp.cx.events}).
 */
@RestController
@RequestMapping("/v1/analytics")
@Tag(name = "Analytics", description = "Journey funnel, customer-experience overview and engagement across customers")
class AnalyticsController {

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private static final int MAX_TRAIT_FILTERS = 5;

	private static final Pattern COMPUTED_TRAIT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private final AnalyticsRepository analytics;

	private final CxProperties.Events names;

	private final long churnedAfterSeconds;

	private final Clock clock;

	AnalyticsController(AnalyticsRepository analytics, CxProperties cx) {
		this.analytics = analytics;
		this.names = cx.events();
		this.churnedAfterSeconds = cx.journey().churnedAfter().toSeconds();
		this.clock = Clock.systemUTC();
	}

	@GetMapping("/funnel")
	@Operation(summary = "The journey funnel",
			description = "Per stage: the people who entered it in the period, how many went on to the next stage "
					+ "and how long they took (median, 90th percentile), the people in it now; the bottleneck "
					+ "(lowest conversion, and largest drop against the previous period of the same length); "
					+ "the people at risk and churned at the period's end, by likely reason. Filters: "
					+ "firstTouchChannel, source, trait=name:value and computedTrait=name:value (up to 5 each).")
	ResponseEntity<?> funnel(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String firstTouchChannel,
			@RequestParam(required = false) @Nullable String source,
			@RequestParam(name = "trait", required = false) @Nullable List<String> traits,
			@RequestParam(name = "computedTrait", required = false) @Nullable List<String> computedTraits,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		Instant now = this.clock.instant();
		AnalyticsPeriod period = AnalyticsPeriod.of(from, to, null, now);
		Filters filters = filters(firstTouchChannel, source, traits, computedTraits);
		List<List<StageCounts>> both = this.analytics.funnel(List.of(period, period.previous()), filters);
		List<StageCounts> current = both.get(0);
		List<StageCounts> previous = both.get(1);
		List<StageView> stages = new ArrayList<>();
		Bottleneck lowest = null;
		Bottleneck largestDrop = null;
		for (int index = 0; index < current.size(); index++) {
			StageCounts counts = current.get(index);
			StageCounts before = previous.get(index);
			boolean last = index + 1 == current.size();
			Double conversion = last ? null : share(counts.converted(), counts.entered());
			Double previousConversion = last ? null : share(before.converted(), before.entered());
			stages.add(new StageView(counts.stage().wireName(), counts.entered(), counts.current(),
					last ? null : counts.converted(), conversion, hours(counts.medianSeconds()),
					hours(counts.p90Seconds()), before.entered(), previousConversion));
			if (conversion == null) {
				continue;
			}
			String next = current.get(index + 1).stage().wireName();
			Bottleneck here = new Bottleneck(counts.stage().wireName(), next, conversion, previousConversion,
					(previousConversion != null) ? round(previousConversion - conversion, 4) : null);
			if (lowest == null || conversion < lowest.conversion()) {
				lowest = here;
			}
			if (here.drop() != null && here.drop() > 0
					&& (largestDrop == null || here.drop() > java.util.Objects.requireNonNull(largestDrop.drop()))) {
				largestDrop = here;
			}
		}
		Instant asOf = period.to().isBefore(now) ? period.to() : now;
		FunnelView view = new FunnelView(period.from(), period.to(), filters.firstTouchChannel(), filters.source(),
				filters.traits(), stages, lowest, largestDrop, silent(asOf, filters));
		return answer(view, AnalyticsCsv::funnel, format, accept);
	}

	@GetMapping("/overview")
	@Operation(summary = "The customer-experience overview",
			description = "Per day, week or month of the period: NPS (promoters − detractors, in %) and its answers, "
					+ "CSAT (average and share of 4 and 5 on a 5-point scale), tickets created and solved, orders, "
					+ "revenue and refunds per currency, new and repeat customers; the ticket trend; the people at "
					+ "risk and churned at the period's end by likely reason; the lifetime value of the period's "
					+ "buyers by channel of first touch (the period's own revenue by first touch: /revenue). "
					+ "The filters (firstTouchChannel, source, trait=name:value, computedTrait=name:value) apply to the "
					+ "figures per person: customers, at risk and churned, lifetime value by first touch.")
	ResponseEntity<?> overview(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String interval,
			@RequestParam(required = false) @Nullable String firstTouchChannel,
			@RequestParam(required = false) @Nullable String source,
			@RequestParam(name = "trait", required = false) @Nullable List<String> traits,
			@RequestParam(name = "computedTrait", required = false) @Nullable List<String> computedTraits,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		Instant now = this.clock.instant();
		AnalyticsPeriod period = AnalyticsPeriod.of(from, to, interval, now);
		Filters filters = filters(firstTouchChannel, source, traits, computedTraits);
		Map<LocalDate, PeriodBuilder> buckets = new TreeMap<>();
		Function<LocalDate, PeriodBuilder> bucket = (start) -> buckets.computeIfAbsent(start, PeriodBuilder::new);
		PeriodBuilder total = new PeriodBuilder(null);
		for (ScoreCount score : this.analytics.scores(period, this.names.npsAnswered())) {
			bucket.apply(score.bucket()).nps(score);
			total.nps(score);
		}
		for (ScoreCount score : this.analytics.scores(period, this.names.satisfactionRated())) {
			bucket.apply(score.bucket()).csat(score);
			total.csat(score);
		}
		String field = period.interval().field();
		this.analytics.activity(period, this.names.ticketCreated(), field).forEach((start, count) -> {
			bucket.apply(start).ticketsCreated += count;
			total.ticketsCreated += count;
		});
		this.analytics.activity(period, this.names.ticketSolved(), field).forEach((start, count) -> {
			bucket.apply(start).ticketsSolved += count;
			total.ticketsSolved += count;
		});
		for (AmountSum amount : this.analytics.amounts(period, this.names.orderCompleted())) {
			bucket.apply(amount.bucket()).order(amount);
			total.order(amount);
		}
		for (AmountSum amount : this.analytics.amounts(period, this.names.orderRefunded())) {
			bucket.apply(amount.bucket()).refund(amount);
			total.refund(amount);
		}
		Instant asOf = period.to().isBefore(now) ? period.to() : now;
		People people = this.analytics.people(period, asOf, this.churnedAfterSeconds, filters);
		people.customers().forEach((start, counts) -> {
			bucket.apply(start).newCustomers += counts[0];
			bucket.apply(start).repeatCustomers += counts[1];
			total.newCustomers += counts[0];
			total.repeatCustomers += counts[1];
		});
		List<PeriodFigures> periods = buckets.values().stream().map(PeriodBuilder::build).toList();
		OverviewView view = new OverviewView(period.from(), period.to(), period.interval().field(), periods,
				total.build(), ticketTrend(period), silent(asOf, people.silent()),
				people.values()
					.stream()
					.map((value) -> new AnalyticsViews.ChannelValueView(value.channel(), value.currency(),
							value.customers(), money(value.lifetimeValue())))
					.toList());
		return answer(view, AnalyticsCsv::overview, format, accept);
	}

	@GetMapping("/revenue")
	@Operation(summary = "Revenue by channel of first touch",
			description = "The period's orders, refunds and revenue per currency, by the channel of each buyer's first "
					+ "touch: each order or refund counts for the profile it was stored for, or the one that profile "
					+ "was merged into since. The filters (firstTouchChannel, source, trait=name:value, "
					+ "computedTrait=name:value) choose the buyers.")
	ResponseEntity<?> revenue(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String firstTouchChannel,
			@RequestParam(required = false) @Nullable String source,
			@RequestParam(name = "trait", required = false) @Nullable List<String> traits,
			@RequestParam(name = "computedTrait", required = false) @Nullable List<String> computedTraits,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		AnalyticsPeriod period = AnalyticsPeriod.of(from, to, null, this.clock.instant());
		Filters filters = filters(firstTouchChannel, source, traits, computedTraits);
		RevenueView view = new RevenueView(period.from(), period.to(),
				this.analytics
					.revenueByFirstTouch(period, this.names.orderCompleted(), this.names.orderRefunded(), filters)
					.stream()
					.map((revenue) -> new AnalyticsViews.ChannelRevenueView(revenue.channel(), revenue.currency(),
							revenue.customers(), revenue.orders(), money(revenue.ordered()), revenue.refunds(),
							money(revenue.refunded()), money(revenue.ordered().subtract(revenue.refunded()))))
					.toList());
		return answer(view, AnalyticsCsv::revenue, format, accept);
	}

	@GetMapping("/engagement")
	@Operation(summary = "Engagement by hour of week and channel",
			description = "The person's own interactions (tracks, pages and screens; not what the business sends, "
					+ "such as email deliveries) per day of week (1 = Monday), hour of day and channel, in the time "
					+ "zone asked (tz, UTC by default; whole-hour offsets), with the busiest hour.")
	ResponseEntity<?> engagement(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String tz,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		AnalyticsPeriod period = AnalyticsPeriod.of(from, to, null, this.clock.instant());
		ZoneId zone = AnalyticsPeriod.zone("tz", tz);
		List<HeatCell> cells = this.analytics.heatmap(period, zone,
				this.names.interactionTypes().stream().map(EventType::wireName).toList(), this.names.notInteractions());
		Map<String, Long> byChannel = new TreeMap<>();
		Map<Integer, Long> byHourOfWeek = new TreeMap<>();
		for (HeatCell cell : cells) {
			byChannel.merge(cell.channel(), cell.events(), Long::sum);
			byHourOfWeek.merge((cell.dayOfWeek() - 1) * 24 + cell.hour(), cell.events(), Long::sum);
		}
		AnalyticsViews.HourOfWeek busiest = byHourOfWeek.entrySet()
			.stream()
			.max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey((a, b) -> b - a)))
			.map((entry) -> hourOfWeek(entry.getKey() / 24 + 1, entry.getKey() % 24, entry.getValue()))
			.orElse(null);
		EngagementView view = new EngagementView(period.from(), period.to(),
				zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId(),
				cells.stream()
					.map((cell) -> new AnalyticsViews.HeatCellView(cell.dayOfWeek(),
							DayOfWeek.of(cell.dayOfWeek()).name().toLowerCase(Locale.ROOT), cell.hour(), cell.channel(),
							cell.events()))
					.toList(),
				byChannel, busiest);
		return answer(view, AnalyticsCsv::engagement, format, accept);
	}

	private static AnalyticsViews.HourOfWeek hourOfWeek(int dayOfWeek, int hour, long events) {
		return new AnalyticsViews.HourOfWeek(dayOfWeek, DayOfWeek.of(dayOfWeek).name().toLowerCase(Locale.ROOT), hour,
				events);
	}

	/**
	 * Tickets created per day of the period, the least-squares slope of that series
	 * (tickets per day, per day), and the change against the previous period.
	 */
	private TicketTrend ticketTrend(AnalyticsPeriod period) {
		AnalyticsPeriod daily = new AnalyticsPeriod(period.from(), period.to(), AnalyticsPeriod.Interval.DAY);
		Map<LocalDate, Long> perDay = this.analytics.activity(daily, this.names.ticketCreated(), "day");
		LocalDate first = LocalDate.ofInstant(period.from(), ZoneOffset.UTC);
		LocalDate last = LocalDate.ofInstant(period.to().minusMillis(1), ZoneOffset.UTC);
		List<AnalyticsViews.DayCount> days = new ArrayList<>();
		long created = 0;
		double n = 0;
		double sumX = 0;
		double sumY = 0;
		double sumXy = 0;
		double sumXx = 0;
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			long count = perDay.getOrDefault(day, 0L);
			days.add(new AnalyticsViews.DayCount(day, count));
			created += count;
			sumX += n;
			sumY += count;
			sumXy += n * count;
			sumXx += n * n;
			n++;
		}
		Double slope = (n >= 2) ? round((n * sumXy - sumX * sumY) / (n * sumXx - sumX * sumX), 4) : null;
		long before = this.analytics.activity(period.previous(), this.names.ticketCreated(), "day")
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
		Double change = (before > 0) ? round((double) (created - before) / before, 4) : null;
		String direction = (slope == null || Math.abs(slope) < 0.01) ? "flat" : (slope > 0) ? "rising" : "falling";
		return new TicketTrend(days, created, before, change, slope, direction);
	}

	private SilentView silent(Instant asOf, Filters filters) {
		return silent(asOf, this.analytics.silent(asOf, this.churnedAfterSeconds, filters));
	}

	private static SilentView silent(Instant asOf, Map<String, Map<String, Long>> silent) {
		return new SilentView(asOf, total(silent.get("at-risk")), silent.get("at-risk"), total(silent.get("churned")),
				silent.get("churned"));
	}

	private static long total(Map<String, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private Filters filters(@Nullable String firstTouchChannel, @Nullable String source, @Nullable List<String> traits,
			@Nullable List<String> computedTraits) {
		Map<String, String> errors = new LinkedHashMap<>();
		String channel = text("firstTouchChannel", firstTouchChannel, errors);
		String from = text("source", source, errors);
		Map<String, String> traitValues = nameValues("trait", "plan:pro", traits, errors);
		Map<String, String> computedValues = nameValues("computedTrait", "orders_90d:3", computedTraits, errors);
		for (String name : computedValues.keySet()) {
			if (!COMPUTED_TRAIT_NAME.matcher(name).matches() || !this.analytics.computedTraitExists(name)) {
				errors.put("computedTrait", "no computed trait is named " + name.replaceAll("\\p{Cntrl}", "?"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidParameterException(errors);
		}
		return new Filters(channel, from, traitValues, computedValues);
	}

	/** The name:value pairs of a repeated filter parameter. */
	private static Map<String, String> nameValues(String parameter, String example, @Nullable List<String> pairs,
			Map<String, String> errors) {
		Map<String, String> values = new LinkedHashMap<>();
		if (pairs == null) {
			return values;
		}
		if (pairs.size() > MAX_TRAIT_FILTERS) {
			errors.put(parameter, "at most " + MAX_TRAIT_FILTERS + " " + parameter + " filters");
		}
		for (String pair : pairs) {
			String checked = text(parameter, pair, errors);
			int colon = (checked != null) ? checked.indexOf(':') : -1;
			if (checked != null && (colon <= 0 || colon == checked.length() - 1)) {
				errors.put(parameter, parameter + " must be name:value, such as " + example);
			}
			else if (checked != null) {
				values.put(checked.substring(0, colon), checked.substring(colon + 1));
			}
		}
		return values;
	}

	private static @Nullable String text(String parameter, @Nullable String value, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String problem = ParameterText.problem(parameter, value);
		if (problem == null && value.length() > 200) {
			problem = parameter + " must be at most 200 characters";
		}
		if (problem != null) {
			errors.put(parameter, problem);
			return null;
		}
		return value.strip();
	}

	private static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
		if (format != null) {
			if (format.equalsIgnoreCase("csv")) {
				return true;
			}
			if (!format.equalsIgnoreCase("json")) {
				throw new InvalidParameterException("format", "format must be json or csv");
			}
			return false;
		}
		return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")
				&& !accept.toLowerCase(Locale.ROOT).contains("application/json");
	}

	/** The view as JSON, or as CSV when the caller asks for it. */
	private static <V> ResponseEntity<?> answer(V view, Function<V, String> csv, @Nullable String format,
			@Nullable String accept) {
		if (wantsCsv(format, accept)) {
			return ResponseEntity.ok().contentType(CSV).body(csv.apply(view));
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
	}

	private static @Nullable Double share(long part, long whole) {
		return (whole > 0) ? round((double) part / whole, 4) : null;
	}

	private static @Nullable Double hours(@Nullable Double seconds) {
		return (seconds != null) ? round(seconds / 3600, 1) : null;
	}

	static double round(double value, int digits) {
		return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
	}

	static String money(BigDecimal amount) {
		return amount.setScale(Math.max(2, Math.min(amount.scale(), 4)), RoundingMode.HALF_EVEN).toPlainString();
	}

	/** Adds up one bucket's figures. */
	private static final class PeriodBuilder {

		private final @Nullable LocalDate start;

		private long promoters;

		private long passives;

		private long detractors;

		private long csatAnswers;

		private BigDecimal csatSum = BigDecimal.ZERO;

		private long csatSatisfied;

		private long ticketsCreated;

		private long ticketsSolved;

		private long orders;

		private final Map<String, BigDecimal> revenue = new TreeMap<>();

		private long refunds;

		private final Map<String, BigDecimal> refunded = new TreeMap<>();

		private long newCustomers;

		private long repeatCustomers;

		PeriodBuilder(@Nullable LocalDate start) {
			this.start = start;
		}

		void nps(ScoreCount score) {
			double value = score.score().doubleValue();
			if (value >= 9) {
				this.promoters += score.answers();
			}
			else if (value >= 7) {
				this.passives += score.answers();
			}
			else {
				this.detractors += score.answers();
			}
		}

		void csat(ScoreCount score) {
			this.csatAnswers += score.answers();
			this.csatSum = this.csatSum.add(score.score().multiply(BigDecimal.valueOf(score.answers())));
			if (score.score().compareTo(BigDecimal.valueOf(4)) >= 0) {
				this.csatSatisfied += score.answers();
			}
		}

		void order(AmountSum amount) {
			this.orders += amount.events();
			this.revenue.merge(amount.currency(), amount.revenue(), BigDecimal::add);
		}

		void refund(AmountSum amount) {
			this.refunds += amount.events();
			this.refunded.merge(amount.currency(), amount.total().abs(), BigDecimal::add);
		}

		PeriodFigures build() {
			long answers = this.promoters + this.passives + this.detractors;
			NpsView nps = (answers == 0) ? null
					: new NpsView(round(100.0 * (this.promoters - this.detractors) / answers, 1), answers,
							this.promoters, this.passives, this.detractors);
			CsatView csat = (this.csatAnswers == 0) ? null
					: new CsatView(
							this.csatSum.divide(BigDecimal.valueOf(this.csatAnswers), 2, RoundingMode.HALF_EVEN)
								.doubleValue(),
							this.csatAnswers, round((double) this.csatSatisfied / this.csatAnswers, 4));
			Map<String, String> revenueText = new LinkedHashMap<>();
			this.revenue.forEach((currency, amount) -> revenueText.put(currency, money(amount)));
			Map<String, String> refundedText = new LinkedHashMap<>();
			this.refunded.forEach((currency, amount) -> refundedText.put(currency, money(amount)));
			return new PeriodFigures(this.start, nps, csat, this.ticketsCreated, this.ticketsSolved, this.orders,
					revenueText, this.refunds, refundedText, this.newCustomers, this.repeatCustomers);
		}

	}

}
