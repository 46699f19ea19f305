package io.cdp.bench.profiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Where a recorded JVM spent its Java CPU time: its execution samples counted by code
 * area, by the method on top of the stack, and by thread.
 *
 * <p>
 * Each sample is given to one area: that of the topmost frame outside the JDK's own
 * packages, so a {@code HashMap.get} called by Jackson counts as JSON work. The areas add
 * up to all samples.
 *
 * @param process the recorded process
 * @param samples execution samples in the recording
 * @param byArea samples by code area
 * @param topMethods the methods most often on top of the stack
 * @param byPlatformMethod samples by the platform's own method nearest the top of the
 * stack: which step of the platform's code the time is spent under, libraries included
 * @param byThread samples by thread (numbers in thread names folded)
 */
public record HotSpots(String process, int samples, List<Share> byArea, List<Share> topMethods,
		List<Share> byPlatformMethod, List<Share> byThread) {

	/** Code areas by package prefix, first match wins within a frame. */
	/**
	 * How often the recordings sample a running Java thread ({@link FlightRecording}
	 * starts them so; the report says so).
	 */
	public static final String SAMPLE_PERIOD = "2ms";

	static final List<Area> AREAS = List.of(new Area("Kafka client (send, compress, network)", "org.apache.kafka."),
			new Area("JSON (Jackson)", "tools.jackson.", "com.fasterxml.jackson."),
			new Area("HTTP server (Tomcat)", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."),
			new Area("HTTP server (Netty, Reactor)", "io.netty.", "reactor."),
			new Area("Spring framework", "org.springframework."),
			new Area("Bean validation", "org.hibernate.validator.", "jakarta.validation."),
			new Area("Metrics (Micrometer)", "io.micrometer."), new Area("Logging", "ch.qos.logback.", "org.slf4j."),
			new Area("PostgreSQL driver and pool", "org.postgresql.", "com.zaxxer.hikari."),
			new Area("Platform code (io.cdp)", "io.cdp."));

	private static final String JDK = "JDK only (no library frame on the stack)";

	private static final String PLATFORM = "io.cdp.";

	private static final String NO_PLATFORM_FRAME = "(no platform frame on the stack)";

	private static final int TOP = 8;

	/**
	 * Reads a recording.
	 * @param process the recorded process
	 * @param file the recording
	 * @return the hot spots
	 * @throws IOException if the file cannot be read
	 */
	public static HotSpots read(String process, Path file) throws IOException {
		Map<String, Integer> areas = new HashMap<>();
		Map<String, Integer> methods = new HashMap<>();
		Map<String, Integer> platformMethods = new HashMap<>();
		Map<String, Integer> threads = new HashMap<>();
		int samples = 0;
		try (RecordingFile recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
					continue;
				}
				samples++;
				RecordedStackTrace stack = event.getStackTrace();
				areas.merge(areaOf(stack.getFrames()), 1, Integer::sum);
				platformMethods.merge(platformMethodOf(stack.getFrames()), 1, Integer::sum);
				if (!stack.getFrames().isEmpty()) {
					RecordedFrame top = stack.getFrames().get(0);
					methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1,
							Integer::sum);
				}
				String thread = (event.getThread("sampledThread") != null)
						? event.getThread("sampledThread").getJavaName() : "?";
				threads.merge(thread.replaceAll("\\d+", "#"), 1, Integer::sum);
			}
		}
		return new HotSpots(process, samples, shares(areas, samples, Integer.MAX_VALUE), shares(methods, samples, TOP),
				shares(platformMethods, samples, TOP), shares(threads, samples, TOP));
	}

	static String areaOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			if (frame.getMethod() == null) {
				continue;
			}
			String area = areaOfClass(frame.getMethod().getType().getName());
			if (area != null) {
				return area;
			}
		}
		return JDK;
	}

	static String platformMethodOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			if (frame.getMethod() != null && frame.getMethod().getType().getName().startsWith(PLATFORM)) {
				return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
			}
		}
		return NO_PLATFORM_FRAME;
	}

	static @Nullable String areaOfClass(String className) {
		for (Area area : AREAS) {
			for (String prefix : area.prefixes()) {
				if (className.startsWith(prefix)) {
					return area.name();
				}
			}
		}
		return null;
	}

	private static List<Share> shares(Map<String, Integer> counts, int total, int limit) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.map((entry) -> new Share(entry.getKey(), entry.getValue(),
					(total == 0) ? 0 : (double) entry.getValue() / total))
			.toList();
	}

	/**
	 * A part of the samples.
	 *
	 * @param name the area, method or thread
	 * @param samples its samples
	 * @param share its share of all samples
	 */
	public record Share(String name, int samples, double share) {

	}

	record Area(String name, String... prefixes) {

	}

}
