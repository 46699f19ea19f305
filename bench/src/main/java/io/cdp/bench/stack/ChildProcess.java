package io.cdp.bench.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the bench to its end (a script of the local run, {@code pg_ctl},
 * {@code jcmd}, one of Kafka's tools), or a Java main class of its class path in the
 * background for as long as a phase needs it (the ceiling app), its output appended to a
 * log file that stays for a look afterwards.
 */
public final class ChildProcess {

	private ChildProcess() {
	}

	/**
	 * Runs a command.
	 * @param command the command line
	 * @param log the file its output is appended to, after a line naming the command
	 * @param timeout how long it may take
	 * @param environment variables added to this process's environment
	 * @return the lines this run printed
	 * @throws IllegalStateException when it fails or takes too long
	 * @throws UncheckedIOException when it cannot be started or its log not written
	 */
	public static List<String> run(List<String> command, Path log, Duration timeout, Map<String, String> environment) {
		String name = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			long logStart = Files.size(log);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(environment);
			Process process = builder.start();
			try {
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException(
							name + " took longer than " + timeout.toSeconds() + " s; see " + log);
				}
			}
			finally {
				process.destroyForcibly();
			}
			List<String> output = linesFrom(log, logStart);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "): "
						+ String.join(" | ", output.subList(Math.max(0, output.size() - 5), output.size())) + "; see "
						+ log);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + name + " ran", ex);
		}
	}

	/**
	 * Runs a Java main class of the bench's class path (one of Kafka's tools) in a JVM of
	 * its own.
	 * @param mainClass the class
	 * @param arguments its arguments
	 * @param log the file its output is appended to
	 * @param timeout how long it may take
	 * @return the lines it printed
	 */
	public static List<String> java(String mainClass, List<String> arguments, Path log, Duration timeout) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(arguments);
		return run(command, log, timeout, Map.of());
	}

	/**
	 * Starts a Java main class of the bench's class path in a JVM of its own and leaves
	 * it running.
	 * @param mainClass the class
	 * @param jvmOptions options of its JVM, such as {@code -Xmx256m}
	 * @param arguments its arguments
	 * @param log the file its output is appended to
	 * @return the running process; closing it stops it
	 * @throws UncheckedIOException when it cannot be started
	 */
	public static Running startJava(String mainClass, List<String> jvmOptions, List<String> arguments, Path log) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(arguments);
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new Running(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + mainClass, ex);
		}
	}

	/**
	 * A child process left running; closing it stops it (a polite stop first, then a
	 * forced one after ten seconds).
	 *
	 * @param process the process
	 * @param log where its output goes
	 */
	public record Running(Process process, Path log) implements AutoCloseable {

		/**
		 * Whether it still runs.
		 * @return true until it ended
		 */
		public boolean alive() {
			return this.process.isAlive();
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

	private static List<String> linesFrom(Path log, long offset) throws IOException {
		byte[] all = Files.readAllBytes(log);
		String printed = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
				StandardCharsets.UTF_8);
		return printed.lines().toList();
	}

}
