package io.cdp.bench.raw;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.stack.ChildProcess;

/**
 * The broker's raw end-to-end latency on this machine: Kafka's {@code EndToEndLatency}
 * sends one record at a time (acknowledged by all replicas) and waits until its consumer
 * has read it, on a topic of its own. One hop of the pipeline cannot be faster, so it is
 * the floor freshness is compared with.
 */
public final class KafkaLatencyFloor {

	static final String MAIN_CLASS = "org.apache.kafka.tools.EndToEndLatency";

	private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([\\d.]+) ms");

	private static final Pattern PERCENTILES = Pattern
		.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

	private KafkaLatencyFloor() {
	}

	/**
	 * Runs the tool.
	 * @param bootstrapServers the broker
	 * @param topic a topic name nobody else uses (the tool creates it)
	 * @param messages how many round trips
	 * @param recordBytes the record size
	 * @param log where the tool's output goes
	 * @return the result
	 */
	public static KafkaLatencyResult measure(String bootstrapServers, String topic, int messages, int recordBytes,
			Path log) {
		List<String> lines = ChildProcess.java(MAIN_CLASS,
				List.of(bootstrapServers, topic, Integer.toString(messages), "all", Integer.toString(recordBytes)), log,
				Duration.ofMinutes(5));
		return parse(lines, messages, recordBytes);
	}

	static KafkaLatencyResult parse(List<String> lines, int messages, int recordBytes) {
		Double average = null;
		for (String line : lines) {
			Matcher matcher = AVERAGE.matcher(line);
			if (matcher.find()) {
				average = Double.parseDouble(matcher.group(1));
			}
			Matcher percentiles = PERCENTILES.matcher(line);
			if (percentiles.find() && average != null) {
				return new KafkaLatencyResult(messages, recordBytes, average, Double.parseDouble(percentiles.group(1)),
						Double.parseDouble(percentiles.group(2)));
			}
		}
		throw new IllegalStateException("EndToEndLatency printed no result: " + String.join(" | ", lines));
	}

}
