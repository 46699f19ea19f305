package io.cdp.bench.profiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.bench.stack.ChildProcess;

/**
 * A Java Flight Recorder recording of a running JVM, started and stopped with
 * {@code jcmd} (the JDK's diagnostic command tool, which attaches to a JVM of the same
 * user). The {@code profile} settings, with running Java threads sampled every
 * {@value HotSpots#SAMPLE_PERIOD} instead of 10 ms: the recorded runs are short repeats
 * of measured ones, whose figures are not reported, so more samples cost nothing judged.
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
	 * @throws IllegalStateException if jcmd cannot be run or refuses
	 */
	public static FlightRecording start(long pid, Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
		jcmd(pid, file, "JFR.start", "name=" + NAME, "settings=profile",
				"jdk.ExecutionSample#period=" + HotSpots.SAMPLE_PERIOD, "filename=" + file.toAbsolutePath());
		return new FlightRecording(pid, file);
	}

	/**
	 * Stops the recording and reads it.
	 * @param process the name of the recorded process, for the report
	 * @return where the samples fell
	 * @throws IllegalStateException if jcmd fails
	 * @throws UncheckedIOException if the recording cannot be read
	 */
	public HotSpots stop(String process) {
		jcmd(this.pid, this.file, "JFR.stop", "name=" + NAME);
		try {
			return HotSpots.read(process, this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Runs a diagnostic command; jcmd exits 0 even when the JVM refused it, with the
	 * exception printed.
	 */
	private static void jcmd(long pid, Path file, String... command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
		line.addAll(List.of(command));
		List<String> output = ChildProcess.run(line, file.resolveSibling(file.getFileName() + ".jcmd.log"),
				Duration.ofSeconds(60), Map.of());
		if (output.stream().anyMatch((printed) -> printed.contains("Exception"))) {
			throw new IllegalStateException(
					"jcmd " + String.join(" ", command) + " failed: " + String.join(" ", output));
		}
	}

}
