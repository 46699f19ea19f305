package io.cdp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.bench.cli.OptionReader;
import org.jspecify.annotations.Nullable;

/**
 * What a run does: {@code --name value} options, each with a default for a small run that
 * finishes within ten minutes on two cores.
 *
 * @param runDir the local run's folder
 * @param out where the results go
 * @param people people in the population
 * @param seed the population's seed; null for the demo population's seed (else 42)
 * @param concurrency the ingest runs' concurrency levels
 * @param lookupConcurrency the profile API runs' and PostgreSQL loop's concurrency
 * @param warmup each run's warm-up
 * @param window each run's measured window
 * @param freshnessRate the freshness background load, events a second
 * @param freshnessWindow how long freshness probes count
 * @param probers freshness probes in flight at once
 * @param pollInterval how often a freshness probe polls
 * @param kafkaRecords records Kafka's producer benchmark sends
 * @param drainTimeout how long to wait for the pipeline to drain
 */
public record BenchOptions(Path runDir, Path out, int people, @Nullable Long seed, List<Integer> concurrency,
		int lookupConcurrency, Duration warmup, Duration window, int freshnessRate, Duration freshnessWindow,
		int probers, Duration pollInterval, int kafkaRecords, Duration drainTimeout) {

	static final String USAGE = """
			Usage: bench/run.sh [--option value ...]   (against a stack started by deploy/local/cdp-up.sh)

			  --people N              people in the population (2000)
			  --seed S                population seed (the demo population's, else 42)
			  --concurrency 1,4,16    ingest runs' concurrency levels
			  --lookup-concurrency 8  profile API runs' and PostgreSQL loop's concurrency
			  --warmup SECONDS        warm-up of each run (2)
			  --seconds SECONDS       measured window of each run (6)
			  --freshness-rate N      freshness background load, events/s (200)
			  --freshness-seconds S   how long freshness probes count (30)
			  --probers N             freshness probes in flight (4)
			  --poll-ms MS            freshness poll interval (20)
			  --kafka-records N       records of Kafka's producer benchmark (300000)
			  --drain-seconds S       longest wait for the pipeline to drain (600)
			  --run-dir DIR           the local run's folder (CDP_RUN_DIR, .cdp-run)
			  --out DIR               where latest.md, latest.json and latest.png go (bench/results)
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
				levels(reader.items("concurrency", "1,4,16")), reader.number("lookup-concurrency", 8),
				reader.seconds("warmup", 2), reader.seconds("seconds", 6), reader.number("freshness-rate", 200),
				reader.seconds("freshness-seconds", 30), reader.number("probers", 4),
				Duration.ofMillis(reader.number("poll-ms", 20)), reader.number("kafka-records", 300_000),
				reader.seconds("drain-seconds", 600));
		reader.requireAllRead();
		return options;
	}

	private static List<Integer> levels(List<String> items) {
		return items.stream().map((level) -> {
			try {
				return Integer.parseInt(level);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--concurrency takes numbers like 1,4,16, not " + level);
			}
		}).toList();
	}

}
