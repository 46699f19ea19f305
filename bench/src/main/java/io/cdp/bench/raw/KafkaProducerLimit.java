package io.cdp.bench.raw;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.stack.ChildProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker's raw producer throughput on this machine: Kafka's
 * {@code ProducerPerformance} sends the sampled events, as fast as it can, to a topic of
 * its own with the events topic's partition count, with the ingest's producer settings;
 * then the topic is deleted.
 */
public final class KafkaProducerLimit {

	static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";

	private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) "
			+ "MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, "
			+ "(\\d+) ms 99th, (\\d+) ms 99.9th");

	private KafkaProducerLimit() {
	}

	/**
	 * Runs the producer benchmark.
	 * @param bootstrapServers the broker
	 * @param topic a topic name nobody else uses
	 * @param sample the sampled events and the partition count
	 * @param records how many records to send
	 * @param log where the tool's output goes
	 * @return the result
	 */
	public static KafkaProducerResult measure(String bootstrapServers, String topic, RecordSample sample, int records,
			Path log) {
		try (Admin admin = admin(bootstrapServers)) {
			admin.createTopics(Set.of(new NewTopic(topic, sample.partitions(), (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			try {
				List<String> arguments = new ArrayList<>(List.of("--topic", topic, "--num-records",
						Integer.toString(records), "--throughput", "-1", "--payload-file",
						sample.payloadFile().toString(), "--producer-props", "bootstrap.servers=" + bootstrapServers));
				arguments.addAll(IngestProducerSettings.PROPERTIES);
				return parse(ChildProcess.java(MAIN_CLASS, arguments, log, Duration.ofMinutes(5)), sample);
			}
			finally {
				admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create or delete the topic " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Reads the tool's closing summary line.
	 * @param lines what the tool printed
	 * @param sample the payloads it sent
	 * @return the result
	 */
	static KafkaProducerResult parse(List<String> lines, RecordSample sample) {
		for (int index = lines.size() - 1; index >= 0; index--) {
			Matcher matcher = SUMMARY.matcher(lines.get(index));
			if (matcher.find()) {
				return new KafkaProducerResult(Long.parseLong(matcher.group(1)), sample.averageValueBytes(),
						Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)),
						Double.parseDouble(matcher.group(4)), Double.parseDouble(matcher.group(6)),
						Double.parseDouble(matcher.group(8)), String.join(" ", IngestProducerSettings.PROPERTIES));
			}
		}
		throw new IllegalStateException("ProducerPerformance printed no summary: " + String.join(" | ", lines));
	}

	static Admin admin(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		return Admin.create(properties);
	}

}
