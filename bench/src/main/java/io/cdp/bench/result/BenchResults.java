package io.cdp.bench.result;

import java.util.List;
import java.util.Map;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.freshness.AudienceFreshnessResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.sustained.SustainedResult;
import org.jspecify.annotations.Nullable;

/**
 * Everything one benchmark run measured; written as {@code latest.json}, and rendered as
 * {@code latest.md} and the chart. Parts that could not be measured are null, with the
 * reason among the notes.
 *
 * @param startedAt when the run began, ISO-8601 UTC
 * @param seconds how long it took
 * @param machine the machine and versions
 * @param settings what the run was asked to do
 * @param targets the project's targets, each with its figure, raw limit and whether it
 * was met
 * @param table the main table: each figure beside its raw limit
 * @param population the population and its load
 * @param recordSize the ingest's serialized events, sampled from the events topic
 * @param drain the wait for the pipeline after the load
 * @param accuracy identity resolution against the ground truth
 * @param kafkaProducer Kafka's producer benchmark
 * @param kafkaLatency Kafka's end-to-end latency tool
 * @param postgres the primary-key read loop
 * @param ingest the throughput runs
 * @param ceiling the {@code /v1/track} run against the bare Spring Boot → Kafka app
 * @param sustained the sustained resolution run
 * @param plainAggregate the plain Kafka Streams aggregate over the sustained run's events
 * @param freshness the freshness probes, one run per background load
 * @param lookups the profile API latency runs
 * @param memory peak resident memory by process, MiB
 * @param memorySince from when the peaks count: the run's start, or each process's start
 * where the peak could not be reset
 * @param cpu busy cores by phase and process
 * @param ingestProfile where the ingest-service spent its CPU during a repeat of the
 * heaviest batch run
 * @param gatewayProfile where the api-gateway spent its CPU during a repeat of the
 * lookups through it
 * @param findings what the figures show, the bottleneck among them
 * @param notes how the run went: what was skipped or could not be measured
 * @param audienceFreshness event → audience membership change and webhook delivery, or
 * null when not run
 */
public record BenchResults(String startedAt, double seconds, Map<String, String> machine, Map<String, String> settings,
		List<Target> targets, List<Figure> table, PopulationLoad population, @Nullable RecordSize recordSize,
		@Nullable DrainResult drain, @Nullable AccuracyResult accuracy, @Nullable KafkaProducerResult kafkaProducer,
		@Nullable KafkaLatencyResult kafkaLatency, @Nullable PostgresResult postgres, List<ThroughputResult> ingest,
		@Nullable ThroughputResult ceiling, @Nullable SustainedResult sustained,
		@Nullable PlainAggregateResult plainAggregate, List<FreshnessResult> freshness, List<LookupResult> lookups,
		Map<String, Double> memory, String memorySince, List<CpuUsage> cpu, @Nullable HotSpots ingestProfile,
		@Nullable HotSpots gatewayProfile, List<String> findings, List<String> notes,
		@Nullable AudienceFreshnessResult audienceFreshness) {

	/**
	 * The same results with what the report concluded from them.
	 * @param targets the targets and whether they were met
	 * @param table the main table
	 * @param findings the findings
	 * @return the results to write
	 */
	public BenchResults concluded(List<Target> targets, List<Figure> table, List<String> findings) {
		return new BenchResults(this.startedAt, this.seconds, this.machine, this.settings, targets, table,
				this.population, this.recordSize, this.drain, this.accuracy, this.kafkaProducer, this.kafkaLatency,
				this.postgres, this.ingest, this.ceiling, this.sustained, this.plainAggregate, this.freshness,
				this.lookups, this.memory, this.memorySince, this.cpu, this.ingestProfile, this.gatewayProfile,
				findings, this.notes, this.audienceFreshness);
	}

}
