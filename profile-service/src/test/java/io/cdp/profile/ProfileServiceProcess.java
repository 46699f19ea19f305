package io.cdp.profile;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The profile service in a child JVM of its own, on the test's broker and database and a
 * state directory the test names, so that a test can kill it without warning and start
 * another in its place. Its output goes to {@code target/<folder>/<name>.log}.
 */
public final class ProfileServiceProcess {

	private final Process process;

	private final int port;

	private ProfileServiceProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts an instance and waits until it is ready.
	 * @param kafka the broker and topic namespace
	 * @param database the database
	 * @param stateDir the identity topology's state directory
	 * @param folder the folder under {@code target} for the log
	 * @param name the instance's name, for its log
	 * @param settings further {@code --name=value} arguments
	 * @return the ready instance
	 * @throws IOException if the process cannot be started
	 */
	public static ProfileServiceProcess start(TestKafka kafka, TestDatabase database, Path stateDir, String folder,
			String name, String... settings) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ProfileApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
		command.add("--cdp.topics.prefix=" + kafka.topicPrefix());
		command.add("--cdp.identity.state-dir=" + stateDir);
		// A killed instance leaves the group only when its session times out.
		command.add("--cdp.identity.streams[session.timeout.ms]=6000");
		command.add("--spring.datasource.url=" + database.jdbcUrl());
		command.add("--spring.datasource.username=" + database.username());
		command.add("--spring.datasource.password=" + database.password());
		command.addAll(List.of(settings));
		Path log = Files.createDirectories(Path.of("target", folder)).resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ProfileServiceProcess instance = new ProfileServiceProcess(process, port);
		HttpClient http = HttpClient.newHttpClient();
		URI readiness = instance.uri("/actuator/health/readiness");
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(process.isAlive()).as("instance %s is alive (see %s)", name, log).isTrue();
			return isReady(http, readiness);
		});
		return instance;
	}

	/** An address on this instance. */
	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/** Kills the process without warning (SIGKILL) and waits until it is gone. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	/**
	 * Stops the process as an orchestrator would (SIGTERM) and waits until it is gone.
	 */
	public void stop() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

	private static boolean isReady(HttpClient http, URI readiness) {
		try {
			return http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
