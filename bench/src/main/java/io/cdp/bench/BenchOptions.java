package io.cdp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.bench.cli.OptionReader;
import org.jspecify.annotations.Nullable;

/**
 * What a run does: {@code --name value} options, each with a default for a run that
 * finishes in about a quarter of an hour on two cores.
 *
 * @param runDir the local run's folder
 * @param out where the results go
 * @param people people in the accuracy population
 * @param seed the population's seed; null for the demo population's seed (else 42)
 * @param hardCases the share of the accuracy population's people in hard cases for
 * identity resolution (shared devices and emails, junk ids, alias chains, one id as user
 * and anonymous id), scored kind by kind
 * @param concurrency the ingest runs' concurrency levels
 * @param lookupConcurrency the profile API lookup runs' concurrency levels; the history
 * runs and the PostgreSQL loop run at the highest
 * @param warmup each run's warm-up
 * @param window each run's measured window
 * @param freshnessRates the freshness background loads, events a second, one run each
 * @param freshnessWindow how long freshness probes count at each load
 * @param probers freshness probes in flight at once
 * @param pollInterval how often a freshness probe polls
 * @param kafkaRecords records Kafka's producer benchmark sends
 * @param drainTimeout how long to wait for the pipeline to drain
 * @param sustainedPeople people in the sustained population (0 skips the sustained phase
 * and the plain Kafka Streams aggregate)
 * @param sustainedSenders concurrent {@code /v1/batch} senders of the sustained load
 * @param sustainedSample people of the sustained population polled on the profile API
 * @param sustainedTimeout how long the sustained phase waits for every event to be
 * visible
 * @param audienceRate the background load of the audience freshness run, events a second
 * (0 skips it)
 */
public record BenchOptions(Path runDir, Path out, int people, @Nullable Long seed, double hardCases,
		List<Integer> concurrency, List<Integer> lookupConcurrency, Duration warmup, Duration window,
		List<Integer> freshnessRates, Duration freshnessWindow, int probers, Duration pollInterval, int kafkaRecords,
		Duration drainTimeout, int sustainedPeople, int sustainedSenders, int sustainedSample,
		Duration sustainedTimeout, int audienceRate) {

	/**
	 * The warm-up of each closed-loop run. Each run is the first of its path (a route of
	 * the gateway, the bare ceiling app started for its run), and on two busy cores the
	 * JIT needs several seconds to compile it: with 2 s, the gateway used 2.6 ms of CPU
	 * per proxied lookup; with 15 s, 0.50 ms.
	 */
	static final int WARMUP_SECONDS = 15;

	/**
	 * One person in ten is in a hard case: in a population of 2,000 that is about 25
	 * cases of each kind, enough to see a kind fail, while the ordinary people still
	 * carry the overall score.
	 */
	static final double DEFAULT_HARD_CASES = 0.1;

	static final String USAGE = """
			Usage: bench/run.sh [--option value ...]   (against a stack started by deploy/local/cdp-up.sh)

			  --people N                 people in the accuracy population (2000)
			  --seed S                   population seed (the demo population's, else 42)
			  --hard-cases SHARE         share of the accuracy population's people in hard cases (shared devices
			                             and emails, junk ids, alias chains), each kind scored apart (0.1; 0: none)
			  --concurrency 1,16         ingest runs' concurrency levels
			  --lookup-concurrency 1,8   profile API lookup runs' levels; history and PostgreSQL at the highest
			  --warmup SECONDS           warm-up of each run, so that the JIT has compiled the path (15)
			  --seconds SECONDS          measured window of each run (6)
			  --freshness-rates 2000,5000  freshness background loads, events/s, one run each
			  --freshness-seconds S      how long freshness probes count at each load (20)
			  --probers N                freshness probes in flight (4)
			  --poll-ms MS               freshness poll interval (20)
			  --kafka-records N          records of Kafka's producer benchmark (300000)
			  --drain-seconds S          longest wait for the pipeline to drain (600)
			  --sustained-people N       people of the sustained population, about 37 events each (5600,
			                             about 204,000 events; 0 skips it and the plain Streams aggregate)
			  --sustained-senders N      concurrent /v1/batch senders of the sustained load (8)
			  --sustained-sample N       its people polled on the profile API until complete (40)
			  --sustained-seconds S      longest wait for the sustained population to be visible (600)
			  --audience-rate N          background events/s while probes move people in and out of an audience,
			                             timed to the change topic and to a webhook (1000; 0 skips it)
			  --run-dir DIR              the local run's folder (CDP_RUN_DIR, .cdp-run)
			  --out DIR                  where latest.md, latest.json and latest.png go (bench/results)
			Ports and topic prefix come from CDP_GATEWAY_PORT, CDP_INGEST_PORT, CDP_PROFILE_PORT, CDP_KAFKA_PORT
			and CDP_TOPICS_PREFIX, as for cdp-up.sh.
			""";

	/**
	 * Reads the command line.
	 * @param arguments {@code --name value} pairs
	 * @param environment the environment variables
	 * @return the options
	 * @throws IllegalArgumentException on an unknown option or a bad value
	 */
	static BenchOptions parse(String[] arguments, Map<String, String> environment) {
		OptionReader reader = OptionReader.of(arguments);
		String runDir = reader.text("run-dir", environment.getOrDefault("CDP_RUN_DIR", ".cdp-run"));
		BenchOptions options = new BenchOptions(Path.of(runDir), Path.of(reader.text("out", "bench/results")),
				reader.number("people", 2000), reader.has("seed") ? (long) reader.number("seed", 42) : null,
				reader.share("hard-cases", DEFAULT_HARD_CASES),
				levels("concurrency", reader.items("concurrency", "1,16")),
				levels("lookup-concurrency", reader.items("lookup-concurrency", "1,8")),
				reader.seconds("warmup", WARMUP_SECONDS), reader.seconds("seconds", 6),
				levels("freshness-rates", reader.items("freshness-rates", "2000,5000")),
				reader.seconds("freshness-seconds", 20), reader.positive("probers", 4),
				Duration.ofMillis(reader.number("poll-ms", 20)), reader.number("kafka-records", 300_000),
				reader.seconds("drain-seconds", 600), reader.number("sustained-people", 5600),
				reader.positive("sustained-senders", 8), reader.positive("sustained-sample", 40),
				reader.seconds("sustained-seconds", 600), reader.number("audience-rate", 1000));
		reader.requireAllRead();
		return options;
	}

	/**
	 * The highest profile API concurrency: the history runs' and the PostgreSQL loop's.
	 * @return the level
	 */
	int highestLookupConcurrency() {
		return this.lookupConcurrency.stream().mapToInt(Integer::intValue).max().orElse(8);
	}

	private static List<Integer> levels(String option, List<String> items) {
		return items.stream().map((level) -> {
			try {
				int value = Integer.parseInt(level);
				if (value <= 0) {
					throw new NumberFormatException();
				}
				return value;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"--" + option + " takes numbers above 0 separated by commas, like 1,16, not " + level);
			}
		}).toList();
	}

}
