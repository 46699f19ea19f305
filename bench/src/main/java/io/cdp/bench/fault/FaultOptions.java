package io.cdp.bench.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.bench.cli.OptionReader;

/**
 * What a fault test run does: {@code --name value} options and the {@code --quick} flag,
 * which shortens the waits and the PostgreSQL outage for a run while developing (options
 * given still win).
 *
 * @param runDir the local run's folder, whose stack the test hits
 * @param out where {@code fault-latest.md} and {@code fault-latest.json} go
 * @param scripts the folder of {@code cdp-up.sh}, which restarts a killed process
 * @param quick whether the short waits are the defaults
 * @param rate events a second the load offers
 * @param batchSize events in each {@code /v1/batch} request
 * @param connections the load's connections, each a client sending one batch at a time
 * @param warmup load before the first fault
 * @param settle steady load after a fault has recovered, before the next one
 * @param restartDelay how long a killed process stays down before it is started again
 * @param postgresOutage how long PostgreSQL stays stopped
 * @param recoveryTimeout how long, from a fault, recovery is waited for
 * @param drainTimeout how long, after the load, the pipeline is waited for at most
 * @param stallTimeout how long the store may make no progress before the wait gives up
 * @param faults the faults, in order
 */
public record FaultOptions(Path runDir, Path out, Path scripts, boolean quick, int rate, int batchSize, int connections,
		Duration warmup, Duration settle, Duration restartDelay, Duration postgresOutage, Duration recoveryTimeout,
		Duration drainTimeout, Duration stallTimeout, List<FaultKind> faults) {

	public static final String USAGE = """
			Usage: bench/fault.sh [--quick] [--keep] [--no-build] [--option value ...]

			  --quick                 short waits and a 15 s PostgreSQL outage, for a run while developing
			  --rate N                events a second offered through the gateway (300)
			  --batch N               events in each /v1/batch request (10)
			  --connections N         concurrent clients, one batch in flight each (6)
			  --warmup SECONDS        load before the first fault (30; quick 10)
			  --settle SECONDS        steady load after a fault recovered, before the next one (30; quick 10)
			  --restart-delay SECONDS how long a killed process stays down (5; quick 2)
			  --postgres-outage S     how long PostgreSQL stays stopped (60; quick 15)
			  --recovery-seconds S    longest wait, from a fault, for events to flow again (300; quick 180)
			  --drain-seconds S       longest wait for the pipeline after the load (600; quick 240)
			  --stall-seconds S       the wait ends when the store gained nothing for this long (90; quick 45)
			  --faults LIST           which faults, in order (ingest-service,profile-service,api-gateway,kafka,postgres)
			  --run-dir DIR           the stack's run folder (CDP_RUN_DIR)
			  --out DIR               where fault-latest.md and fault-latest.json go (bench/results)
			  --scripts DIR           the folder of cdp-up.sh (deploy/local)
			Ports come from CDP_GATEWAY_PORT, CDP_INGEST_PORT, CDP_PROFILE_PORT and CDP_KAFKA_PORT, as for cdp-up.sh.
			""";

	private static final String ALL_FAULTS = "ingest-service,profile-service,api-gateway,kafka,postgres";

	/**
	 * Reads the command line.
	 * @param arguments {@code --quick} and {@code --name value} pairs
	 * @param environment the environment variables
	 * @return the options
	 * @throws IllegalArgumentException on an unknown option or a bad value
	 */
	public static FaultOptions parse(String[] arguments, Map<String, String> environment) {
		OptionReader reader = OptionReader.of(arguments, "quick");
		boolean quick = reader.flag("quick");
		String runDir = reader.text("run-dir", environment.getOrDefault("CDP_RUN_DIR", ".cdp-run"));
		FaultOptions options = new FaultOptions(Path.of(runDir), Path.of(reader.text("out", "bench/results")),
				Path.of(reader.text("scripts", "deploy/local")), quick, reader.positive("rate", 300),
				reader.positive("batch", 10), reader.positive("connections", 6),
				reader.seconds("warmup", quick ? 10 : 30), reader.seconds("settle", quick ? 10 : 30),
				reader.seconds("restart-delay", quick ? 2 : 5), reader.seconds("postgres-outage", quick ? 15 : 60),
				reader.seconds("recovery-seconds", quick ? 180 : 300),
				reader.seconds("drain-seconds", quick ? 240 : 600), reader.seconds("stall-seconds", quick ? 45 : 90),
				reader.items("faults", ALL_FAULTS)
					.stream()
					.filter((name) -> !name.isBlank())
					.map(FaultKind::of)
					.distinct()
					.toList());
		reader.requireAllRead();
		return options;
	}

}
