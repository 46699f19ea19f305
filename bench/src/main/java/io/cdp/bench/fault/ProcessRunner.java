package io.cdp.bench.fault;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, its output appended to a log file. */
final class ProcessRunner {

	private ProcessRunner() {
	}

	/**
	 * Runs it.
	 * @param command the command line
	 * @param log the file its output is appended to
	 * @param timeout how long it may take
	 * @throws IllegalStateException when it fails or takes too long
	 */
	static void run(List<String> command, Path log, Duration timeout) {
		run(command, log, timeout, Map.of());
	}

	/**
	 * Runs it with more environment variables.
	 * @param command the command line
	 * @param log the file its output is appended to
	 * @param timeout how long it may take
	 * @param environment variables added to this process's environment
	 * @throws IllegalStateException when it fails or takes too long
	 */
	static void run(List<String> command, Path log, Duration timeout, Map<String, String> environment) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						command.get(0) + " took longer than " + timeout.toSeconds() + " s; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						command.get(0) + " failed (exit " + process.exitValue() + "); see " + log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command.get(0), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + command.get(0) + " ran", ex);
		}
	}

}
