package io.cdp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cdp.bench.freshness.AudienceFreshnessResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.Target;
import io.cdp.bench.result.Target.Judged;
import io.cdp.bench.sustained.SustainedResult;
import org.jspecify.annotations.Nullable;

/**
 * Judges the run against the project's targets, each figure beside the raw limit of the
 * same run it is compared with:
 *
 * <ol>
 * <li>sustained resolution, first send → every event visible: at least 10,000 events/s
 * (beside the plain Kafka Streams aggregate's rate);</li>
 * <li>the identity topology's own rate: at least half the plain aggregate's;</li>
 * <li>freshness p99 under 2,000 events/s of background load: at most 1 s (beside Kafka's
 * end-to-end p99);</li>
 * <li>lookups through the gateway at 8 connections: at least 0.70 of the direct rate; the
 * gateway's added p50 at 8 and at 1 connection: at most 1 ms;</li>
 * <li>{@code /v1/track} at 16 in flight: at least half the bare Spring Boot → Kafka app's
 * rate;</li>
 * <li>{@code /v1/batch} at 16 in flight: at least 0.35 of Kafka's raw producer rate;</li>
 * <li>audiences under 1,000 events/s of background load: an event's membership change on
 * the change topic at p99 within 2 s, delivered to a webhook within 3 s.</li>
 * </ol>
 * A target whose figure or raw limit was not measured is shown as not judged.
 */
public final class Targets {

	/** The background load the freshness target is judged under, events a second. */
	static final int FRESHNESS_RATE = 2000;

	/** The concurrency the single-call and batch targets are judged at. */
	static final int INGEST_CONCURRENCY = 16;

	/** The connections the gateway throughput target is judged at. */
	static final int GATEWAY_CONNECTIONS = 8;

	private Targets() {
	}

	/**
	 * Judges the run.
	 * @param report the run (its targets, table and findings are not read)
	 * @return the targets, in the project's order
	 */
	public static List<Target> of(BenchResults report) {
		List<Target> targets = new ArrayList<>();
		PlainAggregateResult plain = report.plainAggregate();
		Double plainRate = (plain != null) ? plain.recordsPerSecond() : null;
		String plainLimit = (plain != null) ? "plain Kafka Streams aggregate %,.0f events/s".formatted(plainRate)
				: "plain Kafka Streams aggregate (not measured)";
		SustainedResult sustained = report.sustained();
		targets.add(Target.judge("Sustained resolution",
				(sustained != null) ? "%,d events via the gateway's /v1/batch, %d senders: first send → all visible"
					.formatted(sustained.events(), sustained.senders()) : "sustained run (not measured)",
				(sustained != null && sustained.visible()) ? sustained.endToEndEventsPerSecond() : null, "events/s",
				plainLimit, plainRate, Judged.VALUE_AT_LEAST, 10_000, "≥ 10,000 events/s"));
		targets.add(Target.judge("Identity topology vs a plain Kafka Streams aggregate",
				"identity topology's output rate while it worked through the load",
				(sustained != null && sustained.identity() != null) ? sustained.identity().recordsPerSecond() : null,
				"events/s", plainLimit, plainRate, Judged.RATIO_AT_LEAST, 0.5, "ratio ≥ 0.50"));
		freshness(targets, report.freshness(), report.kafkaLatency());
		gateway(targets, report.lookups());
		ingest(targets, report);
		audiences(targets, report.audienceFreshness(), report.kafkaLatency());
		return targets;
	}

	private static void audiences(List<Target> targets, @Nullable AudienceFreshnessResult run,
			@Nullable KafkaLatencyResult kafka) {
		String load = (run != null) ? " under %,d events/s".formatted(run.backgroundTargetRate()) : "";
		String limit = (kafka != null)
				? "Kafka end-to-end p99 %s ms".formatted(Numbers.significant(kafka.p99Millis(), 3))
				: "Kafka end-to-end (not measured)";
		Double floor = (kafka != null) ? Math.max(1, kafka.p99Millis()) : null;
		targets.add(Target.judge("Audience freshness", "ingest 200 → membership change on the topic, p99" + load,
				(run != null && run.probesSent() > 0) ? run.change().p99Millis() : null, "ms", limit, floor,
				Judged.VALUE_AT_MOST, 2000, "≤ 2,000 ms"));
		targets.add(Target.judge("Audience freshness", "ingest 200 → webhook delivered, p99" + load,
				(run != null && run.probesSent() > 0 && run.webhook() != null) ? run.webhook().p99Millis() : null, "ms",
				limit, floor, Judged.VALUE_AT_MOST, 3000, "≤ 3,000 ms"));
	}

	private static void freshness(List<Target> targets, List<FreshnessResult> runs,
			@Nullable KafkaLatencyResult kafka) {
		Optional<FreshnessResult> run = runs.stream()
			.filter((freshness) -> freshness.backgroundTargetRate() == FRESHNESS_RATE)
			.findFirst();
		targets.add(Target.judge("Freshness under load",
				"ingest 200 → profile API, p99, under %,d events/s".formatted(FRESHNESS_RATE),
				run.filter((freshness) -> freshness.probesSent() > 0)
					.map((freshness) -> freshness.latency().p99Millis())
					.orElse(null),
				"ms",
				(kafka != null) ? "Kafka end-to-end p99 %s ms".formatted(Numbers.significant(kafka.p99Millis(), 3))
						: "Kafka end-to-end (not measured)",
				(kafka != null) ? Math.max(1, kafka.p99Millis()) : null, Judged.VALUE_AT_MOST, 1000, "≤ 1,000 ms"));
	}

	private static void gateway(List<Target> targets, List<LookupResult> lookups) {
		Optional<LookupResult> direct = lookup(lookups, "direct", GATEWAY_CONNECTIONS);
		Optional<LookupResult> viaGateway = lookup(lookups, "gateway", GATEWAY_CONNECTIONS);
		targets.add(Target.judge("Gateway throughput",
				"GET /v1/profiles/lookup via gateway, %d connections".formatted(GATEWAY_CONNECTIONS),
				viaGateway.map((run) -> run.load().unitsPerSecond()).orElse(null), "requests/s",
				direct.map((run) -> "direct %,.0f requests/s".formatted(run.load().unitsPerSecond()))
					.orElse("direct (not measured)"),
				direct.map((run) -> run.load().unitsPerSecond()).orElse(null), Judged.RATIO_AT_LEAST, 0.7,
				"ratio ≥ 0.70"));
		for (int connections : List.of(GATEWAY_CONNECTIONS, 1)) {
			Optional<LookupResult> directRun = lookup(lookups, "direct", connections);
			Optional<LookupResult> gatewayRun = lookup(lookups, "gateway", connections);
			Double added = (directRun.isPresent() && gatewayRun.isPresent())
					? gatewayRun.get().load().latency().p50Millis() - directRun.get().load().latency().p50Millis()
					: null;
			targets.add(Target.judge("Gateway added latency",
					"lookup p50 via gateway − direct, %d connection%s".formatted(connections,
							(connections == 1) ? "" : "s"),
					added, "ms",
					directRun
						.map((run) -> "direct p50 %s ms"
							.formatted(Numbers.significant(run.load().latency().p50Millis(), 3)))
						.orElse("direct (not measured)"),
					directRun.map((run) -> run.load().latency().p50Millis()).orElse(null), Judged.VALUE_AT_MOST, 1.0,
					"≤ 1 ms"));
		}
	}

	private static void ingest(List<Target> targets, BenchResults report) {
		Optional<ThroughputResult> track = run(report.ingest(), "track");
		ThroughputResult ceiling = report.ceiling();
		targets.add(Target.judge("Single calls", "/v1/track direct, %d in flight".formatted(INGEST_CONCURRENCY),
				track.map(ThroughputResult::eventsPerSecond).orElse(null), "events/s",
				(ceiling != null) ? "bare Spring Boot POST → Kafka %,.0f calls/s".formatted(ceiling.eventsPerSecond())
						: "bare Spring Boot POST → Kafka (not measured)",
				(ceiling != null) ? ceiling.eventsPerSecond() : null, Judged.RATIO_AT_LEAST, 0.5, "ratio ≥ 0.50"));
		Optional<ThroughputResult> batch = run(report.ingest(), "batch");
		KafkaProducerResult kafka = report.kafkaProducer();
		targets.add(Target.judge("Batch", "/v1/batch direct, %d in flight".formatted(INGEST_CONCURRENCY),
				batch.map(ThroughputResult::eventsPerSecond).orElse(null), "events/s",
				(kafka != null) ? "Kafka producer %,.0f records/s".formatted(kafka.recordsPerSecond())
						: "Kafka producer (not measured)",
				(kafka != null) ? kafka.recordsPerSecond() : null, Judged.RATIO_AT_LEAST, 0.35, "ratio ≥ 0.35"));
	}

	private static Optional<LookupResult> lookup(List<LookupResult> lookups, String route, int concurrency) {
		return lookups.stream()
			.filter((run) -> run.endpoint().equals("lookup") && run.route().equals(route)
					&& run.concurrency() == concurrency)
			.findFirst();
	}

	private static Optional<ThroughputResult> run(List<ThroughputResult> runs, String endpoint) {
		return runs.stream()
			.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals("direct")
					&& run.concurrency() == INGEST_CONCURRENCY)
			.findFirst();
	}

}
