package io.cdp.bench.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.ProcFs;
import io.cdp.bench.stack.Stack;
import tools.jackson.databind.json.JsonMapper;

/**
 * One fault test against the stack of a run folder, from the run's own source to the
 * audit of the store: the {@link FaultReport} it returns is everything it found, which
 * {@code io.cdp.bench.report.FaultMarkdown} renders.
 */
public final class FaultRun {

	private FaultRun() {
	}

	/**
	 * Runs the fault test against the stack of the options' run folder.
	 * @param options what to do
	 * @param out where progress is printed
	 * @return what the test found
	 * @throws IOException if a process of the stack cannot be controlled
	 * @throws SQLException if the store cannot be audited
	 */
	public static FaultReport run(FaultOptions options, PrintStream out) throws IOException, SQLException {
		Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long started = System.nanoTime();
		Stack stack = Stack.from(options.runDir(), System::getenv);
		StackControl control = new StackControl(stack, options.scripts());
		EmbeddedPostgresServer postgres = options.faults().contains(FaultKind.POSTGRES) ? control.postgres() : null;
		Map<String, String> readiness = control.readinessOfServices();
		if (!readiness.values().stream().allMatch("UP"::equals)) {
			throw new IllegalStateException("The stack of " + options.runDir() + " is not ready: " + readiness);
		}
		Map<String, String> machine = machine();
		String runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(startedAt);
		MessageIds ids = MessageIds.of(runId);
		String writeKey = createSource(stack, runId);
		out.println("Fault test of the stack in " + options.runDir().toAbsolutePath() + "; message ids " + ids.prefix()
				+ "<n>; faults: "
				+ options.faults().stream().map(FaultKind::component).collect(Collectors.joining(", ")));
		SdkLoad load = new SdkLoad(stack.gateway(), writeKey, ids,
				new SdkLoad.Settings(options.rate(), options.batchSize(), options.connections()));
		StoreCheck store = new StoreCheck(stack, ids);
		FaultTest.Outcome outcome = new FaultTest(options, control, store, load, ids, postgres, out::println).run();
		return new FaultReport(startedAt.toString(), (System.nanoTime() - started) / 1e9, outcome.audit().passed(),
				machine, settings(options, runId), load.figures(), outcome.faults(), outcome.drain(), outcome.audit(),
				lag(stack, out), control.readinessOfServices());
	}

	/**
	 * A source of its own for the run, created through the gateway's admin API, once the
	 * ingest-service takes its write key.
	 */
	private static String createSource(Stack stack, String runId) {
		BenchHttp http = new BenchHttp();
		Exchange created = http.post(stack.gateway().resolve("/v1/admin/sources"),
				BenchHttp.bearer(stack.adminApiKey()),
				"{\"name\": \"Fault test %s\", \"kind\": \"segment\", \"channel\": \"server\"}".formatted(runId));
		if (created.status() != 201) {
			throw new IllegalStateException("POST /v1/admin/sources answered " + created);
		}
		String writeKey = JsonMapper.builder().build().readTree(created.body()).path("writeKey").asString();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			Exchange empty = http.post(stack.gateway().resolve("/v1/batch"), BenchHttp.basic(writeKey),
					"{\"batch\":[]}");
			if (empty.status() == 200) {
				return writeKey;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The new source's write key was not taken within 30 s: " + empty);
			}
			Pause.of(Duration.ofMillis(500));
		}
	}

	private static List<GroupLag> lag(Stack stack, PrintStream out) {
		try (PipelineLag lag = new PipelineLag(stack.kafkaBootstrap())) {
			Map<String, Long> active = lag.lagByGroup();
			List<GroupLag> groups = new ArrayList<>();
			lag.lagOfEveryGroup()
				.forEach((group, behind) -> groups.add(new GroupLag(group, active.containsKey(group), behind)));
			return groups;
		}
		catch (RuntimeException ex) {
			out.println("  could not read the consumers' lag: " + ex.getMessage());
			return List.of();
		}
	}

	private static Map<String, String> machine() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", Runtime.version().toString());
		machine.put("loadAverageAtStart", ProcFs.loadAverage());
		return machine;
	}

	private static Map<String, String> settings(FaultOptions options, String runId) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("run id (message ids fault-<run id>-<n>)", runId);
		settings.put("load", "%d events/s, /v1/batch of %d, %d clients, through the gateway".formatted(options.rate(),
				options.batchSize(), options.connections()));
		settings.put("warm-up / steady load after each recovery",
				"%d s / %d s".formatted(options.warmup().toSeconds(), options.settle().toSeconds()));
		settings.put("killed process kept down", options.restartDelay().toSeconds() + " s");
		settings.put("PostgreSQL outage", options.postgresOutage().toSeconds() + " s");
		settings.put("recovery / drain / stall timeouts",
				"%d s / %d s / %d s".formatted(options.recoveryTimeout().toSeconds(),
						options.drainTimeout().toSeconds(), options.stallTimeout().toSeconds()));
		settings.put("quick", String.valueOf(options.quick()));
		return settings;
	}

}
