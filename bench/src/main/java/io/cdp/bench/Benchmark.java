package io.cdp.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait;
import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.accuracy.ResolutionAudit;
import io.cdp.bench.accuracy.ResolutionAudit.Audit;
import io.cdp.bench.freshness.AudienceFreshnessResult;
import io.cdp.bench.freshness.AudienceFreshnessRun;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.freshness.FreshnessRun;
import io.cdp.bench.freshness.ProbeTarget;
import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupLatencyRun;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.FlightRecording;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.raw.KafkaLatencyFloor;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.raw.PostgresPrimaryKeyLoop;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.raw.RecordSample;
import io.cdp.bench.result.PopulationLoad;
import io.cdp.bench.result.RecordSize;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.CpuMeter;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stack.StackProcesses;
import io.cdp.bench.sustained.SustainedResult;
import io.cdp.population.Delivery;
import io.cdp.population.GeneratedEvent;
import io.cdp.population.Person;
import io.cdp.population.Population;
import io.cdp.population.PopulationGenerator;
import io.cdp.population.PopulationSettings;
import io.cdp.population.load.LoadReport;
import io.cdp.population.load.PopulationLoader;
import org.jspecify.annotations.Nullable;

/**
 * One benchmark run, phase by phase, in an order that keeps the phases from disturbing
 * each other:
 *
 * <pre>
 *  wait until the pipeline is idle ─► create the run's source and API key
 *  ─► load the population through the gateway ─► sample the records the ingest wrote
 *  ─► wait until the pipeline drained ─► accuracy: read every person's profile, score it
 *  ─► profile API latency (lookup, events; direct, gateway) ─► the gateway's lookups again
 *      under JFR ─► PostgreSQL primary-key loop
 *  ─► Kafka end-to-end latency ─► freshness under each background load (idle between)
 *  ─► wait until the pipeline is idle ─► sustained resolution of a large population
 *  ─► its people scored against their ground truth, as the accuracy population's
 *  ─► plain Kafka Streams aggregate over its events
 *  ─► wait until the pipeline is idle ─► Kafka producer benchmark
 *  ─► ingest throughput (batch, track; direct, gateway; each concurrency) ─► the heaviest
 *      batch run again under JFR
 *  ─► the bare Spring Boot → Kafka ceiling app, track at the highest concurrency
 *  ─► peak memory
 * </pre>
 *
 * The read-only phases come while the pipeline is idle; the sustained run starts with the
 * pipeline idle, so the backlog it measures is its own; the raw producer limit is taken
 * with the pipeline idle too; the ingest runs come last, since the profile-service is
 * busy with their events long after. No measured run is recorded by JFR: a recording
 * costs the recorded JVM CPU, so the profiles come from repeats whose figures are not
 * judged.
 */
final class Benchmark {

	/**
	 * The warm-up of a run repeated under JFR: the measured run before it has warmed the
	 * path already; this lets the recording settle in.
	 */
	static final Duration RECORDED_WARMUP = Duration.ofSeconds(1);

	final BenchOptions options;

	final Stack stack;

	final StackProcesses processes;

	final CpuMeter cpu;

	final Consumer<String> progress;

	private final BenchHttp http = new BenchHttp();

	final String runId = Long.toString(Instant.now().getEpochSecond(), 36);

	final Results results = new Results();

	Benchmark(BenchOptions options, Stack stack, StackProcesses processes, Consumer<String> progress) {
		this.options = options;
		this.stack = stack;
		this.processes = processes;
		this.cpu = new CpuMeter(processes);
		this.progress = progress;
	}

	/**
	 * Runs every phase.
	 * @return what was measured
	 */
	Results run() {
		try (PipelineLag lag = new PipelineLag(this.stack.kafkaBootstrap())) {
			DrainWait drainWait = new DrainWait(this.stack, lag, this.progress);
			say("Waiting until the pipeline is idle");
			drainWait.await(List.of(), this.options.drainTimeout());
			BenchAccess access = BenchAccess.create(this.http, this.stack, this.runId);
			String limit = access.gatewayRateLimit(this.http, this.stack.gateway());
			this.results.rateLimits.put("gateway rate limit per API key (RateLimit-Limit)",
					limit.isEmpty() ? "none sent" : limit);
			Population population = loadPopulation(access);
			this.results.recordSize = phase("sample records", this::sampleRecords);
			say("Waiting until the pipeline has resolved and stored the population");
			List<String> messageIds = population.events().stream().map(GeneratedEvent::messageId).toList();
			this.results.drain = measured("drain", () -> drainWait.await(messageIds, this.options.drainTimeout()));
			Audit audit = measured("accuracy audit",
					() -> new ResolutionAudit(this.stack, access, this.options.highestLookupConcurrency())
						.audit(population));
			this.results.accuracy = (audit != null) ? audit.result() : null;
			EventBodies bodies = new EventBodies(population.events(), this.runId);
			if (audit != null) {
				readPhases(access, audit, population, bodies, drainWait);
			}
			say("Waiting until the pipeline is idle");
			drainWait.await(List.of(), this.options.drainTimeout());
			new SustainedPhases(this).run(access, population.settings().seed(), lag, drainWait);
			say("Waiting until the pipeline is idle");
			drainWait.await(List.of(), this.options.drainTimeout());
			new IngestPhases(this).run(access, bodies);
		}
		return this.results;
	}

	private Population loadPopulation(BenchAccess access) {
		long seed = (this.options.seed() != null) ? this.options.seed()
				: Objects.requireNonNullElse(this.stack.demoSeed(), 42L);
		Population population = PopulationGenerator
			.generate(PopulationSettings.of(seed, this.options.people(), Instant.now().truncatedTo(ChronoUnit.SECONDS))
				.withHardCases(this.options.hardCases()));
		say("Loading %,d people (seed %d, %,d of them in %,d hard cases): %,d events in %,d messages, through the "
			.formatted(this.options.people(), seed, population.hardCaseByPersonId().size(),
					population.hardCases().size(), population.events().size(), population.deliveries().size())
				+ "gateway's /v1/batch");
		String caveat = this.stack.otherSeedCaveat(seed);
		if (caveat != null) {
			say(caveat);
			this.results.notes.add(caveat);
		}
		CpuMeter.Mark mark = this.cpu.mark();
		LoadReport load = new PopulationLoader(this.stack.gateway(), access.writeKey(), (line) -> {
		}).load(population);
		this.results.cpu.add(this.cpu.since("population load", mark));
		if (!load.rejections().isEmpty()) {
			this.results.notes.add(load.rejections().size() + " population messages were rejected, first: "
					+ load.rejections().get(0));
		}
		this.results.population = new PopulationLoad(this.options.people(), seed, population.events().size(),
				load.messages(), population.deliveries().stream().filter(Delivery::isRetry).count(),
				load.took().toNanos() / 1e9, load.messagesPerSecond());
		say("  %,.0f messages/s".formatted(load.messagesPerSecond()));
		return population;
	}

	private RecordSize sampleRecords() {
		try {
			RecordSample sample = RecordSample.read(this.stack.kafkaBootstrap(), this.stack.topic("cdp.events.v1"),
					5000, this.stack.runDir().resolve("bench").resolve("payloads.txt"));
			this.results.sample = sample;
			return new RecordSize(sample.records(), sample.averageKeyBytes(), sample.averageValueBytes());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the sampled payloads", ex);
		}
	}

	private void readPhases(BenchAccess access, Audit audit, Population population, EventBodies bodies,
			DrainWait drainWait) {
		LookupLatencyRun lookups = new LookupLatencyRun(this.stack, access, audit.identifiers(), audit.profileIds(),
				this.options.warmup(), this.options.window());
		int highest = this.options.highestLookupConcurrency();
		for (String endpoint : List.of("lookup", "events")) {
			List<Integer> levels = endpoint.equals("lookup") ? this.options.lookupConcurrency() : List.of(highest);
			for (int concurrency : levels) {
				for (String route : List.of("direct", "gateway")) {
					LookupResult result = measured(endpoint + " " + route + " c=" + concurrency,
							() -> lookups.run(endpoint, route, concurrency));
					if (result != null) {
						this.results.lookups.add(result);
					}
				}
			}
		}
		profileGateway(new LookupLatencyRun(this.stack, access, audit.identifiers(), audit.profileIds(),
				RECORDED_WARMUP, this.options.window()), highest);
		for (String endpoint : LookupLatencyRun.ANALYTICS) {
			LookupResult result = measured(endpoint + " direct c=1", () -> lookups.run(endpoint, "direct", 1));
			if (result != null) {
				this.results.lookups.add(result);
			}
		}
		this.results.postgres = measured("PostgreSQL primary-key loop", () -> PostgresPrimaryKeyLoop.measure(this.stack,
				audit.profileIds(), highest, this.options.warmup(), this.options.window()));
		this.results.kafkaLatency = measured("Kafka end-to-end latency", this::kafkaLatency);
		List<ProbeTarget> targets = new ArrayList<>();
		for (Person person : population.people()) {
			String profileId = audit.profileOf(person);
			if (profileId != null) {
				targets.add(new ProbeTarget(person.userId(), profileId));
			}
		}
		for (int rate : this.options.freshnessRates()) {
			say("Waiting until the pipeline is idle");
			drainWait.await(List.of(), this.options.drainTimeout());
			FreshnessResult freshness = measured(
					"freshness under %,d events/s".formatted(rate), () -> new FreshnessRun(this.stack, access, bodies,
							targets, new FreshnessRun.Settings(rate, this.options.probers(),
									this.options.pollInterval(), Duration.ofSeconds(5), this.options.freshnessWindow()))
						.run());
			if (freshness != null) {
				this.results.freshness.add(freshness);
				say("  p99 %.0f ms, background accepted %,.0f events/s".formatted(freshness.latency().p99Millis(),
						freshness.backgroundAchievedRate()));
			}
		}
		if (this.options.audienceRate() > 0 && targets.size() > this.options.probers()) {
			say("Waiting until the pipeline is idle");
			drainWait.await(List.of(), this.options.drainTimeout());
			this.results.audienceFreshness = measured(
					"audience freshness under %,d events/s".formatted(this.options.audienceRate()),
					() -> new AudienceFreshnessRun(this.stack, access, bodies, targets,
							new AudienceFreshnessRun.Settings(this.options.audienceRate(), this.options.probers(),
									Duration.ofSeconds(5), this.options.freshnessWindow()))
						.run());
			AudienceFreshnessResult audience = this.results.audienceFreshness;
			if (audience != null) {
				say("  change on the topic p99 %.0f ms; %s".formatted(audience.change().p99Millis(),
						(audience.webhook() != null) ? "webhook p99 %.0f ms".formatted(audience.webhook().p99Millis())
								: "webhook not measured: " + audience.webhookNote()));
			}
		}
	}

	/**
	 * Where the gateway spends its CPU: the lookups through it at the highest concurrency
	 * once more, recorded by JFR. A run of its own, after the measured one, whose figures
	 * are not reported: the recording costs the recorded JVM CPU (its sampling, its
	 * buffers, the attach), which would otherwise count against the gateway in the judged
	 * figures. The measured run has just warmed the path, so the repeat warms up only
	 * briefly ({@link #RECORDED_WARMUP}).
	 * @param lookups the lookup loop, with its short warm-up
	 * @param highest the concurrency to record at
	 */
	private void profileGateway(LookupLatencyRun lookups, int highest) {
		FlightRecording recording = record("api-gateway", "api-gateway.jfr");
		if (recording == null) {
			return;
		}
		measured("lookup gateway c=" + highest + ", repeated under JFR",
				() -> lookups.run("lookup", "gateway", highest));
		this.results.gatewayProfile = phase("read the gateway's flight recording", () -> recording.stop("api-gateway"));
	}

	/** Starts a flight recording of one of the stack's JVMs, or notes why not. */
	@Nullable FlightRecording record(String process, String file) {
		return this.processes.jvm(process)
			.map((found) -> phase("flight recording of the " + process,
					() -> FlightRecording.start(found.pid(),
							this.stack.runDir().resolve("bench").resolve(file).toAbsolutePath())))
			.orElse(null);
	}

	private KafkaLatencyResult kafkaLatency() {
		int recordBytes = (this.results.sample != null) ? (int) Math.round(this.results.sample.averageValueBytes())
				: 1000;
		return KafkaLatencyFloor.measure(this.stack.kafkaBootstrap(), this.stack.topic("bench.e2e-latency"), 2000,
				recordBytes, this.stack.runDir().resolve("logs").resolve("bench-kafka-e2e.log"));
	}

	/**
	 * Runs a phase, records its CPU, and notes instead of failing the run if it fails.
	 */
	<T> @Nullable T measured(String phase, Supplier<T> work) {
		say("Phase: " + phase);
		CpuMeter.Mark mark = this.cpu.mark();
		T result = phase(phase, work);
		this.results.cpu.add(this.cpu.since(phase, mark));
		return result;
	}

	<T> @Nullable T phase(String phase, Supplier<T> work) {
		try {
			return work.get();
		}
		catch (RuntimeException ex) {
			this.results.notes.add("Phase \"" + phase + "\" failed: " + ex.getMessage());
			say("  failed: " + ex.getMessage());
			return null;
		}
	}

	private void say(String line) {
		this.progress.accept(line);
	}

	/** What the phases measured, filled in as they run. */
	static final class Results {

		@Nullable PopulationLoad population;

		@Nullable RecordSize recordSize;

		@Nullable RecordSample sample;

		@Nullable DrainResult drain;

		@Nullable AccuracyResult accuracy;

		final List<LookupResult> lookups = new ArrayList<>();

		@Nullable PostgresResult postgres;

		@Nullable KafkaLatencyResult kafkaLatency;

		final List<FreshnessResult> freshness = new ArrayList<>();

		@Nullable AudienceFreshnessResult audienceFreshness;

		@Nullable SustainedResult sustained;

		@Nullable PlainAggregateResult plainAggregate;

		@Nullable KafkaProducerResult kafkaProducer;

		final List<ThroughputResult> ingest = new ArrayList<>();

		@Nullable ThroughputResult ceiling;

		final List<CpuUsage> cpu = new ArrayList<>();

		@Nullable HotSpots ingestProfile;

		@Nullable HotSpots gatewayProfile;

		@Nullable CpuUsage heaviestBatchCpu;

		@Nullable Double produceLatencyMillis;

		final Map<String, String> rateLimits = new LinkedHashMap<>();

		final List<String> notes = new ArrayList<>();

	}

}
