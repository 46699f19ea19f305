package io.cdp.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.accuracy.HardCaseResult;
import io.cdp.bench.accuracy.PairwiseScore;
import io.cdp.bench.freshness.AudienceFreshnessResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.PopulationLoad;
import io.cdp.bench.result.RecordSize;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.sustained.IdentityRate;
import io.cdp.bench.sustained.SustainedResult;

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
		LoopResult batch16 = new LoopResult(10, 100, 100, 0, 0, 8_000, new LatencySummary(100, 20, 18, 30, 40, 45), "",
				"");
		LoopResult track16 = new LoopResult(10, 500, 500, 0, 0, 3_000, new LatencySummary(500, 5, 4, 8, 9, 12), "", "");
		LoopResult ceiling = new LoopResult(10, 500, 500, 0, 0, 5_000, new LatencySummary(500, 3, 2, 5, 6, 8), "", "");
		LoopResult lookupGateway = new LoopResult(10, 4000, 4000, 0, 0, 4000,
				new LatencySummary(4000, 2.5, 2.2, 4, 5, 10), "", "");
		LoopResult lookupOne = new LoopResult(10, 1000, 1000, 0, 0, 1000, new LatencySummary(1000, 1, 0.8, 1.5, 2, 3),
				"", "");
		LoopResult lookupOneGateway = new LoopResult(10, 800, 800, 0, 0, 800,
				new LatencySummary(800, 1.3, 1.2, 2, 2.5, 4), "", "");
		BenchResults draft = new BenchResults("2026-11-23T12:00:00Z", 420, Map.of("cores", "2"),
				Map.of("people", "2000"), List.of(), List.of(),
				new PopulationLoad(2000, 42, 74_000, 75_000, 1500, 50, 1500), new RecordSize(5000, 36, 760),
				new DrainResult(true, 30, 0, 74_000, 74_000), null,
				new KafkaProducerResult(300_000, 760, 20_000, 14.5, 25, 21, 80, "acks=all"),
				new KafkaLatencyResult(2000, 760, 4.5, 3, 14),
				new PostgresResult(8, "SELECT 1", 10, 70_000, 7_000, new LatencySummary(70_000, 0.4, 0.25, 1, 2, 5)),
				List.of(new ThroughputResult("batch", "direct", 4, batch),
						new ThroughputResult("batch", "direct", 16, batch16),
						new ThroughputResult("track", "direct", 16, track16),
						new ThroughputResult("track", "gateway", 4, track)),
				new ThroughputResult("track", "ceiling", 16, ceiling), sustained(),
				new PlainAggregateResult(210_000, 6, 40_000, 12, 3, 10, 21_000, "exactly_once_v2"),
				List.of(new FreshnessResult(2000, 1990, 4, 20, 30, 120, 0,
						new LatencySummary(120, 900, 800, 1500, 2000, 2100)),
						new FreshnessResult(5000, 4100, 4, 20, 30, 60, 3,
								new LatencySummary(60, 9000, 8000, 15000, 20000, 21000))),
				List.of(new LookupResult("lookup", "direct", 8, lookup),
						new LookupResult("lookup", "gateway", 8, lookupGateway),
						new LookupResult("lookup", "direct", 1, lookupOne),
						new LookupResult("lookup", "gateway", 1, lookupOneGateway)),
				Map.of("ingest-service", 365.0), "since the benchmark started",
				List.of(new CpuUsage("ingest /v1/batch direct c=4", 10, 2.0, cores, 0.5)), null, null, List.of(),
				List.of(),
				new AudienceFreshnessResult(1000, 990, 20, 80, 0, new LatencySummary(80, 300, 250, 500, 700, 900), 1,
						new LatencySummary(80, 600, 500, 1200, 30_000, 30_000), null));
		return withTable(draft);
	}

	/**
	 * 207,000 events loaded in 30 s and all visible after 60 s; the identity topology
	 * resolved 5,250 a second while backlogged; every one of its people resolved whole.
	 */
	static SustainedResult sustained() {
		PairwiseScore perfect = new PairwiseScore(3_900_000, 3_900_000, 3_900_000, 1, 1, 1);
		return new SustainedResult(5600, 2000, 207_000, 211_000, 8, 2110, 211_000, 0, 0, "", 30, 6900, true, 60, 30,
				3450, 40, 40, 207_000, 600, new IdentityRate(40, 210_000, 5250, 150_000, 120),
				new AccuracyResult(5600, 5600, 207_000, 207_000, 0, 22_400, 0, 5600, 0, 0, perfect, List.of(), 21.5));
	}

	/**
	 * The sample with an accuracy audit of a population with hard cases: the shared
	 * device's people were merged, everyone else resolved as the truth has it.
	 */
	static BenchResults withAccuracy() {
		BenchResults sample = sample();
		PairwiseScore perfect = new PairwiseScore(100, 100, 100, 1, 1, 1);
		AccuracyResult accuracy = new AccuracyResult(2000, 1990, 74_000, 74_000, 0, 14_000, 0, 1966, 0, 12,
				new PairwiseScore(700_000, 720_000, 700_000, 0.9722, 1, 0.9859),
				List.of(new HardCaseResult("shared device", "2–3 people on one tablet", 25, 62, 38, 0, 24,
						new PairwiseScore(2000, 2500, 2000, 0.8, 1, 0.8889)),
						new HardCaseResult("alias chain", "a → b → c", 27, 27, 27, 0, 0, perfect),
						new HardCaseResult(HardCaseResult.NO_HARD_CASE, "the rest of the population", 0, 1800, 1800, 0,
								0, perfect)),
				12.5);
		return withTable(new BenchResults(sample.startedAt(), sample.seconds(), sample.machine(), sample.settings(),
				List.of(), List.of(), sample.population(), sample.recordSize(), sample.drain(), accuracy,
				sample.kafkaProducer(), sample.kafkaLatency(), sample.postgres(), sample.ingest(), sample.ceiling(),
				sample.sustained(), sample.plainAggregate(), sample.freshness(), sample.lookups(), sample.memory(),
				sample.memorySince(), sample.cpu(), sample.ingestProfile(), sample.gatewayProfile(), List.of(),
				sample.notes(), sample.audienceFreshness()));
	}

	static BenchResults withTable(BenchResults draft) {
		return draft.concluded(Targets.of(draft), Figures.of(draft), draft.findings());
	}

}
