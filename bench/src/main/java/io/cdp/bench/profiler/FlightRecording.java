package io.cdp.bench.profiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recorder recording of a running JVM, started and stopped with
 * {@code jcmd} (the JDK's diagnostic command tool, which attaches to a JVM of the same
 * user). The {@code profile} settings sample running Java threads every 10 ms.
 */
public final class FlightRecording {

	private static final String NAME = "cdp-bench";

	private final long pid;

	private final Path file;

	private FlightRecording(long pid, Path file) {
		this.pid = pid;
		this.file = file;
	}

	/**
	 * Starts a recording.
	 * @param pid the JVM
	 * @param file where the JVM writes the recording when stopped
	 * @return the recording
	 * @throws IOException if jcmd cannot be run or refuses
	 */
	public static FlightRecording start(long pid, Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.deleteIfExists(file);
		jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
		return new FlightRecording(pid, file);
	}

	/**
	 * Starts a recording, failing unchecked.
	 * @param pid the JVM
	 * @param file where the JVM writes the recording when stopped
	 * @return the recording
	 * @throws UncheckedIOException if jcmd cannot be run or refuses
	 */
	public static FlightRecording startOrFail(long pid, Path file) {
		try {
			return start(pid, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the recording and reads it, failing unchecked.
	 * @param process the name of the recorded process, for the report
	 * @return where the samples fell
	 * @throws UncheckedIOException if jcmd fails or the file cannot be read
	 */
	public HotSpots stopAndRead(String process) {
		try {
			return stop(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the recording and reads it.
	 * @param process the name of the recorded process, for the report
	 * @return where the samples fell
	 * @throws IOException if jcmd fails or the file cannot be read
	 */
	public HotSpots stop(String process) throws IOException {
		jcmd(this.pid, "JFR.stop", "name=" + NAME);
		return HotSpots.read(process, this.file);
	}

	private static void jcmd(long pid, String... command) throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("jcmd " + String.join(" ", command) + " did not answer within 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running jcmd", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0 || output.contains("Exception")) {
			throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output.strip());
		}
	}

}
