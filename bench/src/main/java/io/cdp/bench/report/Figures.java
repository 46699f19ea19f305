package io.cdp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.HardCaseResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.Figure;
import io.cdp.bench.result.PopulationLoad;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.sustained.SustainedResult;
import org.jspecify.annotations.Nullable;

/**
 * Builds the main table: every figure of the run beside the raw limit of the same machine
 * it is compared with.
 *
 * <ul>
 * <li>ingest rates against Kafka's producer benchmark (records a second with the same
 * records and producer settings);</li>
 * <li>the sustained run's end-to-end rate and the identity topology's own rate against a
 * plain Kafka Streams aggregate over the same events;</li>
 * <li>freshness against Kafka's end-to-end latency (one produce and consume);</li>
 * <li>profile API latency and rate against the primary-key read loop on PostgreSQL at the
 * same concurrency;</li>
 * <li>accuracy against the ground truth (1.0), overall and for the people of each kind of
 * hard case, and the profile count against the number of people.</li>
 * </ul>
 */
public final class Figures {

	private Figures() {
	}

	/**
	 * Builds the table.
	 * @param report the run's results (its table is not read)
	 * @return the figures, in report order
	 */
	public static List<Figure> of(BenchResults report) {
		List<Figure> figures = new ArrayList<>();
		ingest(figures, report.population(), report.ingest(), report.kafkaProducer());
		if (report.ceiling() != null) {
			ThroughputResult ceiling = report.ceiling();
			figures.add(Figure.against("ingest",
					"bare Spring Boot POST → Kafka (the /v1/track ceiling), concurrency %d"
						.formatted(ceiling.concurrency()),
					ceiling.eventsPerSecond(), "calls/s", producerLimit(report.kafkaProducer()),
					(report.kafkaProducer() != null) ? report.kafkaProducer().recordsPerSecond() : null));
		}
		sustained(figures, report.sustained(), report.plainAggregate(), report.kafkaProducer());
		for (FreshnessResult freshness : report.freshness()) {
			freshness(figures, freshness, report.kafkaLatency());
		}
		lookups(figures, report.lookups(), report.postgres());
		accuracy(figures, report.accuracy());
		for (Map.Entry<String, Double> peak : report.memory().entrySet()) {
			figures.add(Figure.alone("memory", "peak RSS " + peak.getKey(), peak.getValue(), "MiB"));
		}
		return figures;
	}

	private static void ingest(List<Figure> figures, PopulationLoad population, List<ThroughputResult> runs,
			@Nullable KafkaProducerResult kafka) {
		Double raw = (kafka != null) ? kafka.recordsPerSecond() : null;
		String limit = producerLimit(kafka);
		figures.add(Figure.against("ingest", "population load, /v1/batch via gateway, 1 request at a time",
				population.messagesPerSecond(), "events/s", limit, raw));
		for (ThroughputResult run : runs) {
			String what = "/v1/%s %s, concurrency %d%s".formatted(run.endpoint(), run.route(), run.concurrency(),
					(run.load().rateLimited() > 0) ? " (" + run.load().rateLimited() + " answered 429)" : "");
			figures.add(Figure.against("ingest", what, run.eventsPerSecond(), "events/s", limit, raw));
		}
	}

	private static String producerLimit(@Nullable KafkaProducerResult kafka) {
		return (kafka != null) ? "Kafka producer %,.0f records/s".formatted(kafka.recordsPerSecond())
				: "Kafka producer (not measured)";
	}

	private static void sustained(List<Figure> figures, @Nullable SustainedResult sustained,
			@Nullable PlainAggregateResult plain, @Nullable KafkaProducerResult kafka) {
		String plainLimit = (plain != null)
				? "plain Kafka Streams aggregate %,.0f events/s".formatted(plain.recordsPerSecond())
				: "plain Kafka Streams aggregate (not measured)";
		Double plainRate = (plain != null) ? plain.recordsPerSecond() : null;
		if (sustained != null) {
			figures.add(Figure.against("sustained",
					"load of %,d events via the gateway's /v1/batch, %d senders".formatted(sustained.events(),
							sustained.senders()),
					sustained.loadEventsPerSecond(), "events/s", producerLimit(kafka),
					(kafka != null) ? kafka.recordsPerSecond() : null));
			figures.add(Figure.against("sustained",
					"end to end, first send → every event visible" + (sustained.visible() ? ""
							: " (NOT all visible within %.0f s)".formatted(sustained.timeoutSeconds())),
					sustained.endToEndEventsPerSecond(), "events/s", plainLimit, plainRate));
			figures.add(
					Figure.alone("sustained", "drain, last send → every event visible", sustained.drainSeconds(), "s"));
			if (sustained.identity() != null) {
				figures
					.add(Figure.against("sustained", "identity topology's output rate while it worked through the load",
							sustained.identity().recordsPerSecond(), "events/s", plainLimit, plainRate));
			}
			AccuracyResult accuracy = sustained.accuracy();
			if (accuracy != null) {
				figures.add(Figure.against("sustained",
						"pairwise F1 of the load's %,d people (%,d split, %,d mixed)".formatted(accuracy.people(),
								accuracy.peopleSplit(), accuracy.profilesMixed()),
						accuracy.score().f1(), "", "ground truth 1.0", 1.0));
			}
		}
		else if (plain != null) {
			figures
				.add(Figure.alone("sustained", "plain Kafka Streams aggregate", plain.recordsPerSecond(), "events/s"));
		}
	}

	private static void freshness(List<Figure> figures, FreshnessResult freshness, @Nullable KafkaLatencyResult kafka) {
		String load = "under %,d events/s background".formatted(freshness.backgroundTargetRate());
		LatencySummary latency = freshness.latency();
		figures.add(Figure.against("freshness", "ingest 200 → profile API, p50, " + load, latency.p50Millis(), "ms",
				(kafka != null) ? "Kafka end-to-end p50 %.0f ms".formatted(kafka.p50Millis()) : "",
				(kafka != null) ? Math.max(1, kafka.p50Millis()) : null));
		figures.add(Figure.against("freshness", "ingest 200 → profile API, p95, " + load, latency.p95Millis(), "ms",
				(kafka != null) ? "Kafka end-to-end p99 %.0f ms".formatted(kafka.p99Millis()) : "",
				(kafka != null) ? Math.max(1, kafka.p99Millis()) : null));
		figures.add(Figure.against("freshness", "ingest 200 → profile API, p99, " + load, latency.p99Millis(), "ms",
				(kafka != null) ? "Kafka end-to-end p99 %.0f ms".formatted(kafka.p99Millis()) : "",
				(kafka != null) ? Math.max(1, kafka.p99Millis()) : null));
	}

	private static void lookups(List<Figure> figures, List<LookupResult> runs, @Nullable PostgresResult postgres) {
		for (LookupResult run : runs) {
			String path = switch (run.endpoint()) {
				case "lookup" -> "GET /v1/profiles/lookup";
				case "events" -> "GET /v1/profiles/{id}/events";
				default -> "GET /v1/analytics/" + run.endpoint() + " (90 days, every customer)";
			};
			String what = "%s %s, concurrency %d".formatted(path, run.route(), run.concurrency());
			LatencySummary latency = run.load().latency();
			figures.add(Figure.against(
					"lookup", what + ", p50", latency.p50Millis(), "ms", (postgres != null)
							? "PostgreSQL PK select p50 %.2f ms".formatted(postgres.latency().p50Millis()) : "",
					(postgres != null) ? postgres.latency().p50Millis() : null));
			figures.add(Figure.against(
					"lookup", what + ", p99", latency.p99Millis(), "ms", (postgres != null)
							? "PostgreSQL PK select p99 %.2f ms".formatted(postgres.latency().p99Millis()) : "",
					(postgres != null) ? postgres.latency().p99Millis() : null));
			figures.add(Figure.against("lookup", what + ", rate", run.load().unitsPerSecond(), "requests/s",
					(postgres != null) ? "PostgreSQL PK selects %,.0f/s".formatted(postgres.selectsPerSecond()) : "",
					(postgres != null) ? postgres.selectsPerSecond() : null));
		}
	}

	private static void accuracy(List<Figure> figures, @Nullable AccuracyResult accuracy) {
		if (accuracy == null) {
			return;
		}
		String truth = "ground truth 1.0";
		figures.add(Figure.against("accuracy", "pairwise precision", accuracy.score().precision(), "", truth, 1.0));
		figures.add(Figure.against("accuracy", "pairwise recall", accuracy.score().recall(), "", truth, 1.0));
		figures.add(Figure.against("accuracy", "pairwise F1", accuracy.score().f1(), "", truth, 1.0));
		figures.add(Figure.against("accuracy", "profiles holding the population's events", accuracy.profiles(),
				"profiles", "people %,d".formatted(accuracy.people()), (double) accuracy.people()));
		for (HardCaseResult kind : accuracy.hardCases()) {
			String whose = kind.kind().equals(HardCaseResult.NO_HARD_CASE) ? "people in no hard case"
					: "hard case " + kind.kind();
			figures.add(Figure.against("accuracy", "pairwise F1, %s (%,d people, %,d split, %,d mixed)".formatted(whose,
					kind.people(), kind.peopleSplit(), kind.peopleMixed()), kind.score().f1(), "", truth, 1.0));
		}
	}

}
