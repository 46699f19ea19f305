package io.cdp.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.bench.stack.ChildProcess;
import io.cdp.bench.stack.EnvFiles;
import io.cdp.bench.stack.Stack;

/**
 * Hits the stack of one run folder and only that one: kills its processes, starts them
 * again with {@code cdp-up.sh --only}, stops and starts its embedded PostgreSQL, and
 * tells whether a piece is ready. A process counts as the run folder's only when its PID
 * file names it and its command line carries {@code -Dcdp.run.dir=<run folder>}, as the
 * local run script starts every process, so nothing of another stack is ever killed.
 */
final class StackControl {

	private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(6);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	private static final List<String> SERVICES = List.of("api-gateway", "ingest-service", "profile-service");

	private final Stack stack;

	private final Path runDir;

	private final Path scripts;

	private final Path logs;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

	/**
	 * Prepares the control of a stack.
	 * @param stack the stack
	 * @param scripts the folder of {@code cdp-up.sh}
	 */
	StackControl(Stack stack, Path scripts) {
		this.stack = stack;
		try {
			this.runDir = stack.runDir().toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No run folder at " + stack.runDir(), ex);
		}
		this.scripts = scripts;
		this.logs = this.runDir.resolve("logs");
	}

	/**
	 * Kills a process of the stack with {@code SIGKILL} and waits until it is gone.
	 * @param component {@code ingest-service}, {@code profile-service},
	 * {@code api-gateway} or {@code kafka}
	 * @return its process id
	 * @throws IllegalStateException when the run folder has no such process running
	 */
	long kill(String component) {
		long pid = runningPid(component).orElseThrow(() -> new IllegalStateException(
				"No " + component + " of " + this.runDir + " is running: nothing to kill"));
		ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
		process.destroyForcibly();
		try {
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(component + " (pid " + pid + ") did not die from SIGKILL", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return pid;
	}

	/**
	 * Starts a killed process again the way the local run script starts it, and returns
	 * once the script saw it ready.
	 * @param component as for {@link #kill(String)}
	 */
	void restart(String component) {
		ChildProcess.run(List.of(this.scripts.resolve("cdp-up.sh").toString(), "--only", component),
				this.logs.resolve("fault-restarts.log"), RESTART_TIMEOUT,
				Map.of("CDP_RUN_DIR", this.runDir.toString()));
	}

	/**
	 * The run folder's PostgreSQL server, which must be the embedded one the local run
	 * started: the test stops it, so it never touches a server others use.
	 * @return the server
	 * @throws IllegalStateException when the run folder uses another PostgreSQL
	 */
	EmbeddedPostgresServer postgres() {
		String mode = EnvFiles.read(this.runDir.resolve("postgres.env")).getOrDefault("PG_MODE", "");
		if (!mode.equals("embedded")) {
			throw new IllegalStateException("The stack of " + this.runDir + " uses PostgreSQL '" + mode
					+ "', not its own embedded server; the fault test stops PostgreSQL, so it runs only on a stack "
					+ "started with CDP_POSTGRES=embedded (bench/fault.sh does that)");
		}
		return EmbeddedPostgresServer.of(this.runDir.resolve("postgres"));
	}

	/**
	 * Where the fault test's commands write.
	 * @param name the log's name
	 * @return a file in the run folder's logs
	 */
	Path log(String name) {
		return this.logs.resolve(name);
	}

	/**
	 * Whether the piece a fault hit is back: a service's readiness is UP, the broker
	 * accepts connections, PostgreSQL answers a query.
	 * @param kind the fault
	 * @return true when ready
	 */
	boolean ready(FaultKind kind) {
		return switch (kind) {
			case INGEST, PROFILE, GATEWAY -> readiness(kind.component()).startsWith("UP");
			case KAFKA -> accepts(this.stack.kafkaBootstrap());
			case POSTGRES -> postgresAnswers();
		};
	}

	/**
	 * Each service's readiness now.
	 * @return {@code UP}, or {@code DOWN} with the body, or {@code no answer}, by service
	 */
	Map<String, String> readinessOfServices() {
		Map<String, String> states = new LinkedHashMap<>();
		SERVICES.forEach((service) -> states.put(service, readiness(service)));
		return states;
	}

	private String readiness(String service) {
		URI base = switch (service) {
			case "api-gateway" -> this.stack.gateway();
			case "ingest-service" -> this.stack.ingest();
			default -> this.stack.profile();
		};
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
			.timeout(PROBE_TIMEOUT)
			.GET()
			.build();
		try {
			HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			String body = answer.body().replaceAll("\\s+", " ");
			return (answer.statusCode() == 200) ? "UP"
					: "DOWN " + ((body.length() > 400) ? body.substring(0, 400) + "…" : body);
		}
		catch (IOException ex) {
			return "no answer";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "no answer";
		}
	}

	private static boolean accepts(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
					Integer.parseInt(hostAndPort.substring(colon + 1))), (int) PROBE_TIMEOUT.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean postgresAnswers() {
		DriverManager.setLoginTimeout((int) PROBE_TIMEOUT.toSeconds());
		try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(),
				this.stack.jdbcPassword())) {
			return connection.isValid((int) PROBE_TIMEOUT.toSeconds());
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * The process id in the run folder's PID file, when that process runs and was started
	 * for this run folder.
	 */
	private Optional<Long> runningPid(String component) {
		Path file = this.runDir.resolve("pids").resolve(component + ".pid");
		try {
			String text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
			if (!text.matches("\\d{1,9}")) {
				return Optional.empty();
			}
			long pid = Long.parseLong(text);
			Path commandLine = Path.of("/proc", text, "cmdline");
			if (!Files.isReadable(commandLine)) {
				return Optional.empty();
			}
			String marker = "-Dcdp.run.dir=" + this.runDir;
			boolean ours = Arrays
				.asList(new String(Files.readAllBytes(commandLine), StandardCharsets.UTF_8).split("\0"))
				.contains(marker);
			return ours ? Optional.of(pid) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
