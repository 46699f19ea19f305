package io.cdp.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command, as a newcomer runs it: {@code deploy/local/cdp-up.sh} in a
 * fresh run folder (on free ports, with a database of its own) brings up Kafka, the three
 * services and the demo; the read-only key it prints finds a demo person's unified
 * profile through the gateway; a second run reuses everything; {@code cdp-down.sh} stops
 * every process the run started and {@code --purge} removes what it made.
 */
class LocalRunIT {

	private static final Logger logger = LoggerFactory.getLogger(LocalRunIT.class);

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(15);

	private static final List<String> COMPONENTS = List.of("kafka", "profile-service", "ingest-service", "api-gateway");

	private final HttpJson http = new HttpJson();

	private final Map<String, String> environment = new HashMap<>();

	private Path runDir;

	private Path logs;

	@Test
	void shouldRunTheDemoWithOneCommandAndStopEverythingItStarted() throws Exception {
		this.logs = Files.createDirectories(Path.of("target", "local-run").toAbsolutePath());
		this.runDir = Files.createTempDirectory(this.logs, "run-");
		int gatewayPort = freePort();
		this.environment.put("CDP_RUN_DIR", this.runDir.toString());
		this.environment.put("CDP_GATEWAY_PORT", String.valueOf(gatewayPort));
		this.environment.put("CDP_INGEST_PORT", String.valueOf(freePort()));
		this.environment.put("CDP_PROFILE_PORT", String.valueOf(freePort()));
		this.environment.put("CDP_KAFKA_PORT", String.valueOf(freePort()));
		this.environment.put("CDP_KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
		this.environment.put("CDP_POSTGRES_PORT", String.valueOf(freePort()));
		this.environment.put("CDP_DB_NAME", "cdp_local_run_" + UUID.randomUUID().toString().substring(0, 8));
		this.environment.put("CDP_JAVA_OPTS", "-Xms64m -Xmx384m");
		this.environment.put("JAVA_HOME", System.getProperty("java.home"));
		boolean passed = false;
		try {
			long started = System.nanoTime();
			String up = script("up", "cdp-up.sh", "--people", "100", "--no-build");
			logger.info("cdp-up.sh took {} s", (System.nanoTime() - started) / 1_000_000_000);
			assertThat(up).contains("The customer data platform is running", "read-only API key");

			Map<String, String> keys = envFile("demo-keys.env");
			Map<String, String> demo = envFile("demo-population.env");
			assertThat(up).contains(keys.get("CDP_READ_API_KEY"), demo.get("CDP_DEMO_EMAIL_AS_WRITTEN"));
			URI gateway = URI.create("http://127.0.0.1:" + gatewayPort);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertUnifiedProfile(gateway, keys.get("CDP_READ_API_KEY"),
						demo.get("CDP_DEMO_EMAIL_AS_WRITTEN")));
			this.http.post(gateway.resolve("/v1/admin/api-keys"), "Bearer " + keys.get("CDP_READ_API_KEY"),
					"{\"name\": \"not-allowed\", \"scopes\": [\"admin\"]}", 403);

			String again = script("up-again", "cdp-up.sh", "--people", "100", "--no-build");
			assertThat(again).contains("already running", "loaded already")
				.doesNotContain("starting on port", "creating an admin API key");

			Map<String, Long> pids = pids();
			assertThat(pids.keySet()).containsAll(COMPONENTS);
			String down = script("down", "cdp-down.sh");
			assertThat(down).contains("Stopped.");
			assertThat(pids)
				.allSatisfy((component, pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
					.as("%s (pid %d) after cdp-down.sh", component, pid)
					.isNotEqualTo(java.util.Optional.of(true)));
			assertThat(this.runDir.resolve("kafka/data/meta.properties")).as("the broker data stays").exists();
			passed = true;
		}
		finally {
			// Stops whatever is left after a failure too, and drops the test's database.
			String purge = script("purge", "cdp-down.sh", "--purge");
			if (passed) {
				assertThat(purge).contains("Deleted ");
				assertThat(this.runDir).doesNotExist();
			}
		}
	}

	/**
	 * The profile found by the email as the person typed it holds identifiers from the
	 * web, the app and the help desk, and its history has events from every channel.
	 */
	private void assertUnifiedProfile(URI gateway, String readKey, String email) {
		JsonNode profile = this.http.get(
				gateway.resolve("/v1/profiles/lookup?identifier="
						+ URLEncoder.encode("email:" + email, StandardCharsets.UTF_8)),
				"Authorization", "Bearer " + readKey);
		assertThat(profile).as("the demo person's profile").isNotNull();
		Set<String> identifierTypes = new TreeSet<>();
		profile.path("identifiers").forEach((identifier) -> identifierTypes.add(identifier.path("type").asString()));
		assertThat(identifierTypes).contains("anonymous_id", "user_id", "email", "device_id", "phone");

		JsonNode history = this.http.get(
				gateway.resolve("/v1/profiles/" + profile.path("profileId").asString() + "/events?limit=1000"),
				"Authorization", "Bearer " + readKey);
		assertThat(history).isNotNull();
		Set<String> channels = new TreeSet<>();
		List<String> names = new ArrayList<>();
		history.path("events").forEach((event) -> {
			channels.add(event.path("channel").asString());
			names.add(event.path("name").asString(""));
		});
		assertThat(channels).containsExactlyInAnyOrder("web", "mobile", "email", "support");
		assertThat(names).contains("Signed Up", "Email Delivered", "Ticket Created");
		assertThat(history.path("events").size()).isEqualTo(profile.path("computed").path("eventCount").asInt());
	}

	/**
	 * Runs a script of deploy/local with the test's settings; its output goes to
	 * target/local-run/{label}.log and is returned. It must exit 0.
	 */
	private String script(String label, String name, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local").resolve(name).toString()));
		command.addAll(List.of(arguments));
		Path log = this.logs.resolve(label + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError(name + " did not finish within " + SCRIPT_TIMEOUT + "; see " + log);
		}
		String output = Files.readString(log);
		assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", name, output).isZero();
		return output;
	}

	private Map<String, String> envFile(String name) throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : Files.readAllLines(this.runDir.resolve(name))) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				values.put(line.substring(0, equals), line.substring(equals + 2, line.length() - 1));
			}
		}
		return values;
	}

	private Map<String, Long> pids() throws IOException {
		Map<String, Long> pids = new HashMap<>();
		try (Stream<Path> files = Files.list(this.runDir.resolve("pids"))) {
			for (Path file : files.toList()) {
				pids.put(file.getFileName().toString().replace(".pid", ""),
						Long.parseLong(Files.readString(file).strip()));
			}
		}
		return pids;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
