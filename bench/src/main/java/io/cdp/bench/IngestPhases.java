package io.cdp.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.cdp.bench.Benchmark.Results;
import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.ingest.ThroughputRun;
import io.cdp.bench.profiler.FlightRecording;
import io.cdp.bench.raw.KafkaProducerLimit;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.CpuMeter;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.stack.Prometheus;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stack.StackProcesses;
import org.jspecify.annotations.Nullable;

/**
 * The write-heavy end of the run: Kafka's raw producer rate first, while the pipeline is
 * idle, then every ingest configuration. The heaviest batch configuration (direct, the
 * highest concurrency) is recorded with Java Flight Recorder in the ingest-service, and
 * its produce latency read from the service's metrics, to name what limits it.
 */
final class IngestPhases {

	private static final String PRODUCE_LATENCY = "cdp_ingest_produce_latency_seconds";

	private final BenchOptions options;

	private final Stack stack;

	private final StackProcesses processes;

	private final CpuMeter cpu;

	private final Consumer<String> progress;

	private final Results results;

	IngestPhases(BenchOptions options, Stack stack, StackProcesses processes, CpuMeter cpu, Consumer<String> progress,
			Results results) {
		this.options = options;
		this.stack = stack;
		this.processes = processes;
		this.cpu = cpu;
		this.progress = progress;
		this.results = results;
	}

	void run(BenchAccess access, EventBodies bodies) {
		if (this.results.sample != null) {
			this.progress.accept("Phase: Kafka producer benchmark");
			CpuMeter.Mark mark = this.cpu.mark();
			try {
				this.results.kafkaProducer = KafkaProducerLimit.measure(this.stack.kafkaBootstrap(),
						this.stack.topic("bench.raw-producer"), this.results.sample, this.options.kafkaRecords(),
						this.stack.runDir().resolve("logs").resolve("bench-kafka-producer.log"));
			}
			catch (RuntimeException ex) {
				this.results.notes.add("Kafka's producer benchmark failed: " + ex.getMessage());
			}
			this.results.cpu.add(this.cpu.since("Kafka producer benchmark", mark));
		}
		ThroughputRun runner = new ThroughputRun(bodies, access.writeAuthorization(), this.options.warmup(),
				this.options.window());
		int heaviest = this.options.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
		for (String endpoint : List.of("batch", "track")) {
			for (String route : List.of("direct", "gateway")) {
				for (int concurrency : this.options.concurrency()) {
					boolean profiled = endpoint.equals("batch") && route.equals("direct") && concurrency == heaviest;
					ingest(runner, endpoint, route, concurrency, profiled);
				}
			}
		}
	}

	private void ingest(ThroughputRun runner, String endpoint, String route, int concurrency, boolean profiled) {
		String phase = "/v1/%s %s c=%d".formatted(endpoint, route, concurrency);
		this.progress.accept("Phase: ingest " + phase);
		FlightRecording recording = profiled ? startRecording() : null;
		BenchHttp http = new BenchHttp();
		Prometheus before = Prometheus.scrape(http, this.stack.ingest());
		CpuMeter.Mark mark = this.cpu.mark();
		ThroughputResult result = runner.run(endpoint, route,
				route.equals("direct") ? this.stack.ingest() : this.stack.gateway(), concurrency);
		CpuUsage usage = this.cpu.since("ingest " + phase, mark);
		this.results.cpu.add(usage);
		this.results.ingest.add(result);
		if (route.equals("gateway") && !result.load().rateLimit().isEmpty()) {
			this.results.rateLimits.put("gateway rate limit per write key (RateLimit-Limit)",
					result.load().rateLimit());
		}
		this.progress.accept("  %,.0f events/s".formatted(result.eventsPerSecond()));
		if (profiled) {
			Prometheus after = Prometheus.scrape(http, this.stack.ingest());
			double count = after.sum(PRODUCE_LATENCY + "_count") - before.sum(PRODUCE_LATENCY + "_count");
			double sum = after.sum(PRODUCE_LATENCY + "_sum") - before.sum(PRODUCE_LATENCY + "_sum");
			this.results.produceLatencyMillis = (count > 0) ? 1000 * sum / count : null;
			this.results.heaviestBatchCpu = usage;
			stopRecording(recording);
		}
	}

	private @Nullable FlightRecording startRecording() {
		return this.processes.jvm("ingest-service").map((process) -> {
			try {
				return FlightRecording.start(process.pid(), recordingFile());
			}
			catch (RuntimeException ex) {
				this.results.notes.add("No flight recording of the ingest-service: " + ex.getMessage());
				return null;
			}
		}).orElse(null);
	}

	private void stopRecording(@Nullable FlightRecording recording) {
		if (recording == null) {
			return;
		}
		try {
			this.results.ingestProfile = recording.stop("ingest-service");
		}
		catch (RuntimeException ex) {
			this.results.notes.add("The ingest-service's flight recording could not be read: " + ex.getMessage());
		}
	}

	private Path recordingFile() {
		return this.stack.runDir().resolve("bench").resolve("ingest-batch.jfr").toAbsolutePath();
	}

}
