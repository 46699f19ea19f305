package io.cdp.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.cdp.bench.Benchmark.Results;
import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait;
import io.cdp.bench.accuracy.ResolutionAudit;
import io.cdp.bench.accuracy.ResolutionAudit.Audit;
import io.cdp.bench.raw.PlainStreamsAggregate;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.sustained.SustainedPopulation;
import io.cdp.bench.sustained.SustainedResult;
import io.cdp.bench.sustained.SustainedRun;
import io.cdp.bench.sustained.SustainedRun.Outcome;

/**
 * Sustained resolution and its raw limit: a population of a few hundred thousand events,
 * people after the accuracy population's, sent through the gateway as fast as ingest
 * takes it and timed until every event is visible; then, with the pipeline idle, a plain
 * Kafka Streams aggregate over a copy of the same events. Runs inside the
 * {@link Benchmark}, whose phase, CPU and notes bookkeeping it shares.
 */
final class SustainedPhases {

	private static final Duration PLAIN_AGGREGATE_TIMEOUT = Duration.ofMinutes(5);

	private final Benchmark benchmark;

	private final Results results;

	private final Stack stack;

	private final BenchOptions options;

	SustainedPhases(Benchmark benchmark) {
		this.benchmark = benchmark;
		this.results = benchmark.results;
		this.stack = benchmark.stack;
		this.options = benchmark.options;
	}

	void run(BenchAccess access, long seed, PipelineLag lag, DrainWait drainWait) {
		if (this.options.sustainedPeople() == 0) {
			return;
		}
		// The demo population is the first people of the same seed: start after both.
		int offset = Math.max(this.options.people(), this.stack.demoPeople());
		SustainedPopulation population = this.benchmark.phase("generate the sustained population",
				() -> SustainedPopulation.generate(seed, offset, this.options.sustainedPeople(),
						Instant.now().truncatedTo(ChronoUnit.SECONDS), this.benchmark.runId,
						this.options.sustainedSample()));
		if (population == null) {
			return;
		}
		this.benchmark.progress.accept(("Sustained load: people %,d to %,d of seed %d, %,d events in %,d messages, "
				+ "%d senders through the gateway's /v1/batch")
			.formatted(offset + 1, offset + population.people(), seed, population.events(), population.messages(),
					this.options.sustainedSenders()));
		Outcome outcome = this.benchmark.measured("sustained resolution",
				() -> new SustainedRun(this.stack, access, this.benchmark.progress).run(population,
						this.options.sustainedSenders(), this.options.sustainedTimeout(), lag));
		if (outcome == null) {
			return;
		}
		this.results.sustained = outcome.result();
		if (outcome.watchFailure() != null) {
			this.results.notes.add("A look at the identity topology's lag failed: " + outcome.watchFailure());
		}
		this.benchmark.progress.accept("  end to end %,.0f events/s (%s), drain %.0f s after the last send".formatted(
				outcome.result().endToEndEventsPerSecond(),
				outcome.result().visible() ? "all visible" : "NOT all visible", outcome.result().drainSeconds()));
		if (outcome.result().visible()) {
			audit(access, population, outcome.result());
		}
		this.benchmark.progress.accept("Waiting until the pipeline is idle");
		drainWait.await(java.util.List.of(), this.options.drainTimeout());
		this.results.plainAggregate = this.benchmark.measured("plain Kafka Streams aggregate",
				() -> PlainStreamsAggregate.measure(this.stack.kafkaBootstrap(), outcome.events(),
						this.stack.topic("bench.plain-aggregate-input-" + this.benchmark.runId),
						this.stack.topic("bench-plain-aggregate-" + this.benchmark.runId),
						this.stack.runDir().resolve("bench").resolve("plain-aggregate-state"),
						PLAIN_AGGREGATE_TIMEOUT));
		if (this.results.plainAggregate != null) {
			this.benchmark.progress
				.accept("  %,.0f events/s".formatted(this.results.plainAggregate.recordsPerSecond()));
		}
	}

	/**
	 * Scores every person of the load against the ground truth, as the accuracy phase
	 * scores its population: on a stack that had not seen them, the bulk resolution of
	 * new people under the full backlog, merges and all.
	 */
	private void audit(BenchAccess access, SustainedPopulation population, SustainedResult result) {
		Audit audit = this.benchmark.measured("sustained accuracy audit",
				() -> new ResolutionAudit(this.stack, access, this.options.highestLookupConcurrency())
					.audit(population.truth()));
		if (audit == null) {
			return;
		}
		AccuracyResult accuracy = audit.result();
		this.results.sustained = result.withAccuracy(accuracy);
		this.benchmark.progress
			.accept("  accuracy: %,d people in %,d profiles, F1 %.4f, %,d split, %,d mixed".formatted(accuracy.people(),
					accuracy.profiles(), accuracy.score().f1(), accuracy.peopleSplit(), accuracy.profilesMixed()));
	}

}
