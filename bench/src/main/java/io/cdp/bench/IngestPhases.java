package io.cdp.bench;

import java.util.List;

import io.cdp.bench.Benchmark.Results;
import io.cdp.bench.ceiling.CeilingProcess;
import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.ingest.ThroughputRun;
import io.cdp.bench.profiler.FlightRecording;
import io.cdp.bench.raw.KafkaProducerLimit;
import io.cdp.bench.raw.RecordSample;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.CpuMeter;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.stack.Prometheus;
import io.cdp.bench.stack.Stack;

/**
 * The write-heavy end of the run: Kafka's raw producer rate first, while the pipeline is
 * idle; then the single-call runs and, right after them, the same track loop against the
 * bare Spring Boot → Kafka ceiling app at the highest concurrency; then the batch runs.
 * The heaviest batch configuration (direct, the highest concurrency) is recorded with
 * Java Flight Recorder in the ingest-service, and its produce latency read from the
 * service's metrics, to name what limits it. Runs inside the {@link Benchmark}, whose
 * phase, CPU and notes bookkeeping it shares.
 */
final class IngestPhases {

	private static final String PRODUCE_LATENCY = "cdp_ingest_produce_latency_seconds";

	private final Benchmark benchmark;

	private final Results results;

	private final Stack stack;

	IngestPhases(Benchmark benchmark) {
		this.benchmark = benchmark;
		this.results = benchmark.results;
		this.stack = benchmark.stack;
	}

	void run(BenchAccess access, EventBodies bodies) {
		RecordSample sample = this.results.sample;
		if (sample != null) {
			this.results.kafkaProducer = this.benchmark.measured("Kafka producer benchmark",
					() -> KafkaProducerLimit.measure(this.stack.kafkaBootstrap(),
							this.stack.topic("bench.raw-producer"), sample, this.benchmark.options.kafkaRecords(),
							this.stack.runDir().resolve("logs").resolve("bench-kafka-producer.log")));
		}
		BenchOptions options = this.benchmark.options;
		ThroughputRun runner = new ThroughputRun(bodies, access.writeAuthorization(), options.warmup(),
				options.window());
		int heaviest = options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
		// Single calls and their ceiling first, while the pipeline is idle: the batch
		// runs
		// leave the profile-service minutes of events to resolve, which would weigh on
		// whichever of the two ran later.
		endpointRuns(runner, "track", heaviest);
		if (sample != null) {
			this.results.ceiling = this.benchmark.phase("the bare Spring Boot → Kafka ceiling app",
					() -> ceiling(runner, heaviest, sample.partitions()));
		}
		endpointRuns(runner, "batch", heaviest);
		profileIngest(
				new ThroughputRun(bodies, access.writeAuthorization(), Benchmark.RECORDED_WARMUP, options.window()),
				heaviest);
	}

	/**
	 * Where the ingest spends its CPU: the heaviest batch run once more, recorded by JFR.
	 * A run of its own, after the measured ones, whose figures are not reported: the
	 * recording costs the recorded JVM CPU, which would otherwise count against the
	 * ingest in the judged batch figure. The measured run has just warmed the path, so
	 * the repeat warms up only briefly, and leaves the profile-service fewer events.
	 * @param runner the batch loop, with its short warm-up
	 * @param heaviest the concurrency to record at
	 */
	private void profileIngest(ThroughputRun runner, int heaviest) {
		FlightRecording recording = this.benchmark.record("ingest-service", "ingest-batch.jfr");
		if (recording == null) {
			return;
		}
		this.benchmark.measured("ingest /v1/batch direct c=%d, repeated under JFR".formatted(heaviest),
				() -> runner.run("batch", "direct", this.stack.ingest(), heaviest));
		this.results.ingestProfile = this.benchmark.phase("read the ingest-service's flight recording",
				() -> recording.stop("ingest-service"));
	}

	private void endpointRuns(ThroughputRun runner, String endpoint, int heaviest) {
		for (String route : List.of("direct", "gateway")) {
			for (int concurrency : this.benchmark.options.concurrency()) {
				boolean heaviestBatch = endpoint.equals("batch") && route.equals("direct") && concurrency == heaviest;
				ingest(runner, endpoint, route, concurrency, heaviestBatch);
			}
		}
	}

	/**
	 * The same track loop against a bare Spring Boot app that only sends the body to
	 * Kafka, started for it and stopped afterwards.
	 */
	private ThroughputResult ceiling(ThroughputRun runner, int concurrency, int partitions) {
		this.benchmark.progress.accept("Phase: /v1/track against the bare Spring Boot → Kafka app c=" + concurrency);
		try (CeilingProcess ceiling = CeilingProcess.start(this.stack.kafkaBootstrap(),
				this.stack.topic("bench.ceiling-" + this.benchmark.runId), partitions,
				this.stack.runDir().resolve("logs").resolve("bench-ceiling.log"))) {
			// A fresh JVM against services warmed by the whole run: one unmeasured run of
			// the same length first, so that its JIT has compiled the request path too.
			runner.run("track", "ceiling", ceiling.base(), concurrency);
			CpuMeter.Mark mark = this.benchmark.cpu.mark();
			ThroughputResult result = runner.run("track", "ceiling", ceiling.base(), concurrency);
			this.results.cpu.add(this.benchmark.cpu.since("ceiling /v1/track c=" + concurrency, mark));
			this.benchmark.progress.accept("  %,.0f calls/s".formatted(result.eventsPerSecond()));
			return result;
		}
	}

	private void ingest(ThroughputRun runner, String endpoint, String route, int concurrency, boolean heaviestBatch) {
		String phase = "/v1/%s %s c=%d".formatted(endpoint, route, concurrency);
		this.benchmark.progress.accept("Phase: ingest " + phase);
		BenchHttp http = new BenchHttp();
		Prometheus before = Prometheus.scrape(http, this.stack.ingest());
		CpuMeter.Mark mark = this.benchmark.cpu.mark();
		ThroughputResult result = runner.run(endpoint, route,
				route.equals("direct") ? this.stack.ingest() : this.stack.gateway(), concurrency);
		CpuUsage usage = this.benchmark.cpu.since("ingest " + phase, mark);
		this.results.cpu.add(usage);
		this.results.ingest.add(result);
		if (route.equals("gateway") && !result.load().rateLimit().isEmpty()) {
			this.results.rateLimits.put("gateway rate limit per write key (RateLimit-Limit)",
					result.load().rateLimit());
		}
		this.benchmark.progress.accept("  %,.0f events/s".formatted(result.eventsPerSecond()));
		if (heaviestBatch) {
			Prometheus after = Prometheus.scrape(http, this.stack.ingest());
			double count = after.sum(PRODUCE_LATENCY + "_count") - before.sum(PRODUCE_LATENCY + "_count");
			double sum = after.sum(PRODUCE_LATENCY + "_sum") - before.sum(PRODUCE_LATENCY + "_sum");
			this.results.produceLatencyMillis = (count > 0) ? 1000 * sum / count : null;
			this.results.heaviestBatchCpu = usage;
		}
	}

}
