package io.cdp.bench.raw;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.cdp.bench.stack.TopicRange;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies a range of the events topic, record by record with its key, value and timestamp,
 * into the same partition of another topic: the plain aggregate then reads exactly the
 * bytes the identity topology read.
 */
final class EventCopy {

	private EventCopy() {
	}

	/**
	 * Copies the range.
	 * @param bootstrapServers the broker
	 * @param range what to copy
	 * @param target the topic to copy to, with at least as many partitions
	 * @return records copied
	 * @throws IllegalStateException when a record could not be written
	 */
	static long copy(String bootstrapServers, TopicRange range, String target) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
		long[] copied = { 0 };
		AtomicReference<Exception> failure = new AtomicReference<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			range.read(bootstrapServers, (partition, record) -> {
				producer.send(new ProducerRecord<>(target, partition, record.timestamp(), record.key(), record.value()),
						(metadata, exception) -> {
							if (exception != null) {
								failure.compareAndSet(null, exception);
							}
						});
				copied[0]++;
			});
			producer.flush();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("Cannot copy the events into " + target, failure.get());
		}
		return copied[0];
	}

}
