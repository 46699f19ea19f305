package io.cdp.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service's packaged jar running as its own process, as it is deployed, on a free port;
 * its output goes to {@code target/services/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final int port;

	private ServiceProcess(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the jar the reactor built in {@code ../<module>/target} and waits until the
	 * service reports ready.
	 */
	static ServiceProcess start(String module, List<String> arguments) throws IOException {
		return start(module, freePort(), arguments);
	}

	/**
	 * Starts the jar on a given port (so that another service can be told the address
	 * before this one is up) and waits until the service reports ready.
	 */
	static ServiceProcess start(String module, int port, List<String> arguments) throws IOException {
		Path jar = jarOf(module);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx384m");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		Path log = Files.createDirectories(Path.of("target", "services")).resolve(module + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(module, process, port);
		HttpJson http = new HttpJson();
		try {
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
				assertThat(process.isAlive()).as("%s is running (see %s)", module, log).isTrue();
				return http.status(service.uri("/actuator/health/readiness")) == 200;
			});
		}
		catch (RuntimeException | AssertionError ex) {
			// A service that never got ready is stopped here: nobody else holds it.
			process.destroyForcibly();
			throw ex;
		}
		return service;
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/** Whether the process still runs. */
	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	@Override
	public String toString() {
		return this.name + " on port " + this.port;
	}

	private static Path jarOf(String module) throws IOException {
		Path target = Path.of("..", module, "target");
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*.jar")) {
			for (Path jar : jars) {
				return jar.toAbsolutePath();
			}
		}
		catch (java.nio.file.NoSuchFileException ex) {
			// Reported below.
		}
		throw new IllegalStateException(
				"No " + module + " jar in " + target.toAbsolutePath() + "; build it first (./mvnw verify builds all)");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
