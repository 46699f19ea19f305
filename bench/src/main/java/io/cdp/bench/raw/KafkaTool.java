package io.cdp.bench.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Kafka's own command-line tools ({@code org.apache.kafka.tools.*} from the
 * {@code kafka-tools} jar of the project's Kafka version) in a JVM of its own, with the
 * benchmark's class path, and returns what it printed.
 */
final class KafkaTool {

	private KafkaTool() {
	}

	static List<String> run(String mainClass, List<String> arguments, Path log, long timeoutSeconds)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(arguments);
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				throw new IllegalStateException(
						mainClass + " did not finish within " + timeoutSeconds + " s; see " + log);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + mainClass + " ran", ex);
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(mainClass + " failed with exit code " + process.exitValue() + ": "
					+ String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
		}
		return lines;
	}

}
