package io.cdp.testinfra;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers can start containers here. Without {@code DOCKER_HOST} and
 * without a Docker socket the answer is no at once, so machines without a Docker engine
 * (CI here) never pay for Testcontainers' discovery of every other strategy.
 */
public final class DockerEngine {

	private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

	private static volatile Boolean available;

	private DockerEngine() {
	}

	/** True when a Docker engine answers; decided once per JVM. */
	public static boolean isAvailable() {
		Boolean answer = available;
		if (answer == null) {
			answer = probe();
			available = answer;
		}
		return answer;
	}

	private static boolean probe() {
		if (System.getenv("DOCKER_HOST") == null && !Files.exists(DEFAULT_SOCKET)
				&& !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
