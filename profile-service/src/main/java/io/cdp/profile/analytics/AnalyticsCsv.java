package io.cdp.profile.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.cdp.profile.analytics.AnalyticsViews.EngagementView;
import io.cdp.profile.analytics.AnalyticsViews.FunnelView;
import io.cdp.profile.analytics.AnalyticsViews.OverviewView;
import io.cdp.profile.analytics.AnalyticsViews.PeriodFigures;
import io.cdp.profile.analytics.AnalyticsViews.StageView;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The analytics answers as CSV, one row per stage, bucket or heatmap cell, with a header
 * row; written by Jackson's CSV format, which quotes what needs quoting. A cell that
 * starts like a spreadsheet formula is prefixed with an apostrophe, as values come from
 * clients.
 */
final class AnalyticsCsv {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private AnalyticsCsv() {
	}

	static String funnel(FunnelView view) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (StageView stage : view.stages()) {
			rows.add(row(stage.stage(), stage.entered(), stage.current(), stage.convertedToNext(), stage.conversion(),
					stage.medianHoursInStage(), stage.p90HoursInStage(), stage.previousEntered(),
					stage.previousConversion(),
					(view.bottleneck() != null && view.bottleneck().from().equals(stage.stage())),
					(view.largestDrop() != null && view.largestDrop().from().equals(stage.stage()))));
		}
		return write(
				List.of("stage", "entered", "current", "converted_to_next", "conversion", "median_hours_in_stage",
						"p90_hours_in_stage", "previous_entered", "previous_conversion", "bottleneck", "largest_drop"),
				rows);
	}

	static String overview(OverviewView view) {
		TreeSet<String> currencies = new TreeSet<>();
		for (PeriodFigures figures : view.periods()) {
			currencies.addAll(figures.revenue().keySet());
			currencies.addAll(figures.refunded().keySet());
		}
		List<String> header = new ArrayList<>(List.of("start", "nps", "nps_answers", "promoters", "passives",
				"detractors", "csat_average", "csat_answers", "csat_satisfied", "tickets_created", "tickets_solved",
				"orders", "refunds", "new_customers", "repeat_customers"));
		currencies.forEach((currency) -> header.add("revenue_" + currency));
		currencies.forEach((currency) -> header.add("refunded_" + currency));
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (PeriodFigures figures : view.periods()) {
			List<@Nullable Object> row = row(figures.start(), (figures.nps() != null) ? figures.nps().score() : null,
					(figures.nps() != null) ? figures.nps().answers() : 0,
					(figures.nps() != null) ? figures.nps().promoters() : 0,
					(figures.nps() != null) ? figures.nps().passives() : 0,
					(figures.nps() != null) ? figures.nps().detractors() : 0,
					(figures.csat() != null) ? figures.csat().average() : null,
					(figures.csat() != null) ? figures.csat().answers() : 0,
					(figures.csat() != null) ? figures.csat().satisfied() : null, figures.ticketsCreated(),
					figures.ticketsSolved(), figures.orders(), figures.refunds(), figures.newCustomers(),
					figures.repeatCustomers());
			currencies.forEach((currency) -> row.add(figures.revenue().getOrDefault(currency, "0.00")));
			currencies.forEach((currency) -> row.add(figures.refunded().getOrDefault(currency, "0.00")));
			rows.add(row);
		}
		return write(header, rows);
	}

	static String revenue(AnalyticsViews.RevenueView view) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		view.byFirstTouchChannel()
			.forEach((revenue) -> rows.add(row(revenue.channel(), revenue.currency(), revenue.customers(),
					revenue.orders(), revenue.ordered(), revenue.refunds(), revenue.refunded(), revenue.revenue())));
		return write(List.of("first_touch_channel", "currency", "customers", "orders", "ordered", "refunds", "refunded",
				"revenue"), rows);
	}

	static String engagement(EngagementView view) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		view.cells()
			.forEach((cell) -> rows.add(row(cell.dayOfWeek(), cell.day(), cell.hour(), cell.channel(), cell.events())));
		return write(List.of("day_of_week", "day", "hour", "channel", "events"), rows);
	}

	private static List<@Nullable Object> row(@Nullable Object... cells) {
		List<@Nullable Object> row = new ArrayList<>(cells.length);
		for (Object cell : cells) {
			row.add((cell == null || cell instanceof Number || cell instanceof Boolean) ? cell : safe(cell.toString()));
		}
		return row;
	}

	/** Keeps a spreadsheet from reading a client's text as a formula. */
	private static String safe(String text) {
		return (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) ? "'" + text : text;
	}

	private static String write(List<String> header, List<List<@Nullable Object>> rows) {
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		header.forEach(schema::addColumn);
		return CSV.writer(schema.build()).writeValueAsString(rows);
	}

}
