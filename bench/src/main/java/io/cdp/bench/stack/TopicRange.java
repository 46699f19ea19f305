package io.cdp.bench.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of a topic between two sets of offsets, read with read-committed isolation:
 * offsets also number transaction markers and aborted records, so counting what a
 * transactional producer wrote between two moments takes reading it.
 *
 * @param topic the topic
 * @param from the first offset of each partition
 * @param to the offset after the last of each partition
 */
public record TopicRange(String topic, Map<Integer, Long> from, Map<Integer, Long> to) {

	private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

	public TopicRange {
		from = Map.copyOf(from);
		to = Map.copyOf(to);
	}

	/**
	 * How many offsets the range spans, markers included.
	 * @return the sum over partitions of end minus start
	 */
	public long offsets() {
		long sum = 0;
		for (Map.Entry<Integer, Long> end : this.to.entrySet()) {
			sum += Math.max(0, end.getValue() - this.from.getOrDefault(end.getKey(), end.getValue()));
		}
		return sum;
	}

	/**
	 * Counts the committed records in the range.
	 * @param bootstrapServers the broker
	 * @return how many
	 */
	public long count(String bootstrapServers) {
		long[] count = { 0 };
		read(bootstrapServers, (partition, record) -> count[0]++);
		return count[0];
	}

	/**
	 * Hands every committed record of the range to a consumer, partition by partition in
	 * offset order.
	 * @param bootstrapServers the broker
	 * @param each what to do with each record and its partition
	 * @throws IllegalStateException when the range cannot be read within two minutes
	 */
	public void read(String bootstrapServers, BiConsumer<Integer, ConsumerRecord<byte[], byte[]>> each) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			Map<TopicPartition, Long> ends = new HashMap<>();
			for (Map.Entry<Integer, Long> end : this.to.entrySet()) {
				long start = this.from.getOrDefault(end.getKey(), end.getValue());
				if (end.getValue() > start) {
					TopicPartition partition = new TopicPartition(this.topic, end.getKey());
					partitions.add(partition);
					ends.put(partition, end.getValue());
				}
			}
			consumer.assign(partitions);
			partitions.forEach((partition) -> consumer.seek(partition, this.from.get(partition.partition())));
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (!ends.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + this.topic + " up to " + this.to + " within "
							+ READ_TIMEOUT.toSeconds() + " s");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
					if (end != null && record.offset() < end) {
						each.accept(record.partition(), record);
					}
				}
				ends.keySet().removeIf((partition) -> consumer.position(partition) >= ends.get(partition));
			}
		}
	}

}
