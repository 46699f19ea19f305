package io.cdp.bench.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records the ingest-service really wrote: the newest ones of the events topic, read
 * back to measure the average serialized event and to serve as the payloads of Kafka's
 * producer benchmark, so that it sends the same bytes (and compresses them as well) as
 * the ingest does.
 *
 * @param records how many were read
 * @param averageKeyBytes the average key (the message id)
 * @param averageValueBytes the average value (the canonical event as JSON)
 * @param partitions the events topic's partition count
 * @param payloadFile the values, one a line
 */
public record RecordSample(int records, double averageKeyBytes, double averageValueBytes, int partitions,
		Path payloadFile) {

	/**
	 * Reads up to {@code limit} of the newest records of a topic.
	 * @param bootstrapServers the broker
	 * @param topic the events topic
	 * @param limit how many records at most
	 * @param payloadFile where to write the values
	 * @return the sample
	 * @throws IOException if the file cannot be written
	 */
	public static RecordSample read(String bootstrapServers, String topic, int limit, Path payloadFile)
			throws IOException {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
			long perPartition = Math.max(1, limit / partitions.size());
			Map<TopicPartition, Long> remaining = new HashMap<>();
			for (TopicPartition partition : partitions) {
				long from = Math.max(begins.get(partition), ends.get(partition) - perPartition);
				consumer.seek(partition, from);
				remaining.put(partition, ends.get(partition) - from);
			}
			return collect(consumer, remaining, limit, partitions.size(), payloadFile);
		}
	}

	private static RecordSample collect(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> remaining,
			int limit, int partitions, Path payloadFile) throws IOException {
		long keyBytes = 0;
		long valueBytes = 0;
		int records = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Files.createDirectories(payloadFile.toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(payloadFile)) {
			while (records < limit && remaining.values().stream().anyMatch((left) -> left > 0)
					&& System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					remaining.merge(new TopicPartition(record.topic(), record.partition()), -1L, Long::sum);
					if (record.value() == null || contains(record.value(), (byte) '\n')) {
						continue;
					}
					keyBytes += (record.key() != null) ? record.key().length : 0;
					valueBytes += record.value().length;
					out.write(record.value());
					out.write('\n');
					records++;
				}
			}
		}
		if (records == 0) {
			throw new IllegalStateException("No records to sample on the events topic");
		}
		return new RecordSample(records, (double) keyBytes / records, (double) valueBytes / records, partitions,
				payloadFile);
	}

	private static boolean contains(byte[] bytes, byte wanted) {
		for (byte value : bytes) {
			if (value == wanted) {
				return true;
			}
		}
		return false;
	}

}
