package io.cdp.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.BenchResults;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Draws the run on one PNG of four panels (XChart): ingest throughput by concurrency with
 * Kafka's raw producer rate beside it, freshness beside Kafka's end-to-end latency,
 * profile API latency beside PostgreSQL's primary-key reads, and the accuracy scores.
 */
public final class Charts {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 460;

	private Charts() {
	}

	/**
	 * Writes the chart.
	 * @param report the run
	 * @param file the PNG to write
	 * @throws IOException if it cannot be written
	 */
	public static void write(BenchResults report, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		List<CategoryChart> charts = List.of(throughput(report), freshness(report.freshness(), report.kafkaLatency()),
				latency(report.lookups(), report.postgres()), accuracy(report.accuracy()));
		BitmapEncoder.saveBitmap(charts, 2, 2, file.toString(), BitmapFormat.PNG);
	}

	static CategoryChart throughput(BenchResults report) {
		CategoryChart chart = chart("Ingest throughput (log scale)", "requests in flight", "accepted events/s");
		// XChart's bars start at the axis minimum, which a logarithmic axis must be told.
		chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(1.0);
		List<Integer> levels = report.ingest().stream().map(ThroughputResult::concurrency).distinct().sorted().toList();
		if (levels.isEmpty()) {
			return empty(chart);
		}
		List<String> x = levels.stream().map(String::valueOf).toList();
		for (String endpoint : List.of("batch", "track")) {
			for (String route : List.of("direct", "gateway")) {
				List<Number> y = new ArrayList<>();
				for (int level : levels) {
					y.add(report.ingest()
						.stream()
						.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals(route)
								&& run.concurrency() == level)
						.mapToDouble(ThroughputResult::eventsPerSecond)
						.findFirst()
						.orElse(0));
				}
				chart.addSeries("/v1/" + endpoint + " " + route, x, positive(y));
			}
		}
		if (report.kafkaProducer() != null) {
			double raw = report.kafkaProducer().recordsPerSecond();
			chart.addSeries("Kafka ProducerPerformance", x, levels.stream().map((level) -> (Number) raw).toList());
		}
		return chart;
	}

	static CategoryChart freshness(List<FreshnessResult> runs, @Nullable KafkaLatencyResult kafka) {
		CategoryChart chart = chart("Freshness: ingest 200 → profile API", "percentile", "ms");
		if (runs.isEmpty()) {
			return empty(chart);
		}
		List<String> x = List.of("p50", "p95", "p99");
		for (FreshnessResult freshness : runs) {
			chart.addSeries("under %,d events/s".formatted(freshness.backgroundTargetRate()), x, List
				.of(freshness.latency().p50Millis(), freshness.latency().p95Millis(), freshness.latency().p99Millis()));
		}
		if (kafka != null) {
			chart.addSeries("Kafka end-to-end (p95 not measured)", x,
					List.of(kafka.p50Millis(), 0.0, kafka.p99Millis()));
		}
		return chart;
	}

	static CategoryChart latency(List<LookupResult> lookups, @Nullable PostgresResult postgres) {
		CategoryChart chart = chart("Profile API latency", "", "ms");
		if (lookups.isEmpty()) {
			return empty(chart);
		}
		List<String> x = new ArrayList<>();
		List<Number> p50 = new ArrayList<>();
		List<Number> p99 = new ArrayList<>();
		for (LookupResult run : lookups) {
			x.add(run.endpoint() + " " + run.route() + " c=" + run.concurrency());
			p50.add(run.load().latency().p50Millis());
			p99.add(run.load().latency().p99Millis());
		}
		if (postgres != null) {
			x.add("PostgreSQL PK");
			p50.add(postgres.latency().p50Millis());
			p99.add(postgres.latency().p99Millis());
		}
		chart.addSeries("p50", x, p50);
		chart.addSeries("p99", x, p99);
		return chart;
	}

	static CategoryChart accuracy(@Nullable AccuracyResult accuracy) {
		CategoryChart chart = chart("Identity resolution vs ground truth", "", "pairwise score");
		if (accuracy == null) {
			return empty(chart);
		}
		chart.getStyler().setYAxisMin(0.0);
		chart.addSeries("pairwise score; profiles ÷ people", List.of("precision", "recall", "F1", "profiles ÷ people"),
				List.of(accuracy.score().precision(), accuracy.score().recall(), accuracy.score().f1(),
						(double) accuracy.profiles() / Math.max(1, accuracy.people())));
		return chart;
	}

	private static CategoryChart chart(String title, String xTitle, String yTitle) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH)
			.height(HEIGHT)
			.title(title)
			.xAxisTitle(xTitle)
			.yAxisTitle(yTitle)
			.build();
		chart.getStyler().setAvailableSpaceFill(0.8);
		chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
		return chart;
	}

	private static CategoryChart empty(CategoryChart chart) {
		chart.addSeries("not measured", List.of("—"), List.of(0));
		return chart;
	}

	/** A logarithmic axis cannot show 0: a run that accepted nothing is drawn at 1. */
	private static List<Number> positive(List<Number> values) {
		return values.stream().map((value) -> (Number) Math.max(1.0, value.doubleValue())).toList();
	}

}
