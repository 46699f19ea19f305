package io.cdp.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cdp.bench.Benchmark.Results;
import io.cdp.bench.report.Figures;
import io.cdp.bench.report.Findings;
import io.cdp.bench.report.ResultFiles;
import io.cdp.bench.report.Targets;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.PopulationLoad;
import io.cdp.bench.stack.ProcFs;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stack.StackProcess;
import io.cdp.bench.stack.StackProcesses;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * {@code bench/run.sh [--option value ...]}: runs the benchmark against the stack of
 * {@code deploy/local/cdp-up.sh} and writes {@code latest.md}, {@code latest.json} and
 * {@code latest.png} into {@code bench/results}. See {@link BenchOptions#USAGE}.
 */
public final class BenchCommand {

	private BenchCommand() {
	}

	public static void main(String[] arguments) throws IOException {
		PrintStream out = System.out;
		BenchOptions options;
		try {
			options = BenchOptions.parse(arguments, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			out.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		Stack stack = Stack.from(options.runDir(), System::getenv);
		StackProcesses processes = StackProcesses.find(options.runDir());
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long startedNanos = System.nanoTime();
		out.println("Benchmark of the stack in " + options.runDir().toAbsolutePath() + ": "
				+ processes.jvms().stream().map((p) -> p.name() + " " + p.pid()).collect(Collectors.joining(", ")));
		Map<String, String> machine = machine(stack);
		boolean peaksReset = processes.jvms().stream().allMatch((process) -> ProcFs.resetPeakRss(process.pid()));
		Results results = new Benchmark(options, stack, processes, out::println).run();
		BenchResults report = report(options, started, (System.nanoTime() - startedNanos) / 1e9, machine, processes,
				peaksReset, results);
		ResultFiles.writeBenchmark(report, options.out());
		out.printf("Done in %.1f minutes: %s%n", report.seconds() / 60, options.out().resolve("latest.md"));
	}

	private static BenchResults report(BenchOptions options, Instant started, double seconds,
			Map<String, String> machine, StackProcesses processes, boolean peaksReset, Results results) {
		Map<String, Double> memory = new LinkedHashMap<>();
		for (StackProcess process : processes.jvms()) {
			ProcFs.statusKib(process.pid(), "VmHWM").ifPresent((kib) -> memory.put(process.name(), kib / 1024.0));
		}
		PopulationLoad population = (results.population != null) ? results.population
				: new PopulationLoad(options.people(), 0, 0, 0, 0, 0, 0);
		BenchResults draft = new BenchResults(started.toString(), seconds, machine, settings(options, results),
				List.of(), List.of(), population, results.recordSize, results.drain, results.accuracy,
				results.kafkaProducer, results.kafkaLatency, results.postgres, results.ingest, results.ceiling,
				results.sustained, results.plainAggregate, results.freshness, results.lookups, memory,
				peaksReset ? "since the benchmark started (reset through /proc/<pid>/clear_refs)"
						: "since each process started (the peak could not be reset)",
				results.cpu, results.ingestProfile, results.gatewayProfile, List.of(), results.notes,
				results.audienceFreshness);
		List<String> findings = Findings.of(draft, results.heaviestBatchCpu, results.produceLatencyMillis);
		return draft.concluded(Targets.of(draft), Figures.of(draft), findings);
	}

	private static Map<String, String> settings(BenchOptions options, Results results) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("people", String.valueOf(options.people()));
		settings.put("seed", (results.population != null) ? String.valueOf(results.population.seed()) : "");
		settings.put("hard cases in the accuracy population",
				(options.hardCases() == 0) ? "none"
						: String.format(Locale.ROOT,
								"%.1f %% of the people: shared devices and emails, junk ids, alias chains, "
										+ "one id as user and anonymous id",
								100 * options.hardCases()));
		settings.put("ingest concurrency levels", options.concurrency().toString());
		settings.put("events per /v1/batch request", "100");
		settings.put("warm-up / measured window per run",
				"%d s / %d s".formatted(options.warmup().toSeconds(), options.window().toSeconds()));
		settings.put("profile API lookup concurrency levels", options.lookupConcurrency().toString());
		settings.put("profile API history and PostgreSQL concurrency",
				String.valueOf(options.highestLookupConcurrency()));
		settings.put("freshness",
				"%s events/s background, one run each; %d probers, poll every %d ms, %d s each".formatted(
						options.freshnessRates(), options.probers(), options.pollInterval().toMillis(),
						options.freshnessWindow().toSeconds()));
		settings.put("sustained load",
				(options.sustainedPeople() == 0) ? "skipped"
						: "%d people, %d senders, %d people polled, timeout %d s".formatted(options.sustainedPeople(),
								options.sustainedSenders(), options.sustainedSample(),
								options.sustainedTimeout().toSeconds()));
		settings.put("audience freshness",
				(options.audienceRate() == 0) ? "skipped" : "%d events/s background; %d probers, %d s"
					.formatted(options.audienceRate(), options.probers(), options.freshnessWindow().toSeconds()));
		settings.put("Kafka producer benchmark records", String.valueOf(options.kafkaRecords()));
		results.rateLimits.forEach(settings::put);
		return settings;
	}

	private static Map<String, String> machine(Stack stack) {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		machine.put("memoryGiB",
				String.format(Locale.ROOT, "%.0f", ProcFs.memoryTotalKib().orElse(0) / 1024.0 / 1024.0));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", Runtime.version().toString());
		machine.put("kafka", AppInfoParser.getVersion());
		machine.put("postgres", postgresVersion(stack));
		machine.put("loadAverageAtStart", ProcFs.loadAverage());
		return machine;
	}

	private static String postgresVersion(Stack stack) {
		try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(),
				stack.jdbcPassword());
				ResultSet result = connection.createStatement()
					.executeQuery("SELECT current_setting('server_version')")) {
			return result.next() ? "PostgreSQL " + result.getString(1) : "PostgreSQL";
		}
		catch (SQLException ex) {
			return "PostgreSQL (version unknown: " + ex.getMessage() + ")";
		}
	}

}
