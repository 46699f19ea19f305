package io.cdp.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.PopulationLoad;
import io.cdp.bench.result.RecordSize;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.stats.LatencySummary;

/** A small, fully filled run to render. */
final class SampleReports {

	private SampleReports() {
	}

	static BenchResults sample() {
		LoopResult batch = new LoopResult(10, 100, 100, 0, 0, 10_000, new LatencySummary(100, 20, 18, 30, 40, 45), "",
				"");
		LoopResult track = new LoopResult(10, 500, 490, 10, 0, 490, new LatencySummary(500, 5, 4, 8, 9, 12), "1000",
				"");
		LoopResult lookup = new LoopResult(10, 5000, 5000, 0, 0, 5000, new LatencySummary(5000, 2, 1.5, 3, 4.5, 9), "",
				"");
		Map<String, Double> cores = new LinkedHashMap<>();
		cores.put("ingest-service", 1.2);
		cores.put("bench", 0.3);
		BenchResults draft = new BenchResults("2026-11-23T12:00:00Z", 420, Map.of("cores", "2"),
				Map.of("people", "2000"), List.of(), new PopulationLoad(2000, 42, 74_000, 75_000, 1500, 50, 1500),
				new RecordSize(5000, 36, 760), new DrainResult(true, 30, 0, 74_000, 74_000), null,
				new KafkaProducerResult(300_000, 760, 20_000, 14.5, 25, 21, 80, "acks=all"),
				new KafkaLatencyResult(2000, 760, 4.5, 3, 14),
				new PostgresResult(8, "SELECT 1", 10, 70_000, 7_000, new LatencySummary(70_000, 0.4, 0.25, 1, 2, 5)),
				List.of(new ThroughputResult("batch", "direct", 4, batch),
						new ThroughputResult("track", "gateway", 4, track)),
				new FreshnessResult(200, 199, 4, 20, 30, 120, 0, new LatencySummary(120, 900, 800, 1500, 2000, 2100)),
				List.of(new LookupResult("lookup", "direct", 8, lookup)), Map.of("ingest-service", 365.0),
				"since the benchmark started",
				List.of(new CpuUsage("ingest /v1/batch direct c=4", 10, 2.0, cores, 0.5)), null, null, List.of(),
				List.of());
		return withTable(draft);
	}

	static BenchResults withTable(BenchResults draft) {
		return draft.concluded(Figures.of(draft), draft.findings());
	}

}
