package io.cdp.kafka.batch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The consumer side of a batch writer: records read as bytes (the writer decodes them
 * itself, so a record it cannot read is quarantined with its raw bytes instead of failing
 * the poll), only committed records (the topology writes in exactly-once transactions),
 * offsets committed by the container after each stored batch and never automatically, and
 * a new group starting from the beginning of its topics.
 */
public final class BatchConsumers {

	/** How long a stopping container waits for the batch in hand to be stored. */
	public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private BatchConsumers() {
	}

	/**
	 * The consumer settings every batch writer sets on top of the service's own.
	 * @return read-committed, auto-commit off, earliest offset for a new group
	 */
	public static Map<String, Object> settings() {
		return Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

	/**
	 * Creates the consumers of a batch writer: Spring Boot's consumer settings first
	 * (bootstrap servers, TLS and SASL), the writer's {@link #settings()} on top, with
	 * the consumer's own metrics ({@code kafka.consumer.*}, its lag above all) bound to
	 * the registry.
	 * @param kafka the service's {@code spring.kafka.*} settings
	 * @param meters where the consumer's metrics go
	 * @return the factory
	 */
	public static DefaultKafkaConsumerFactory<byte[], byte[]> factory(KafkaProperties kafka, MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.putAll(settings());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		consumers.addListener(new MicrometerConsumerListener<>(meters));
		return consumers;
	}

	/**
	 * The container settings of a batch writer: one group, batches of at most
	 * {@code maxBatch} records, the batch's offsets committed synchronously once the
	 * listener returned (so only after its database transaction), a refused login or ACL
	 * retried after {@code retryInterval} instead of stopping the consumer for good, and
	 * {@code onJoined} called when partitions are assigned. The caller sets the listener.
	 * @param groupId the consumer group, namespaced
	 * @param maxBatch the most records per batch
	 * @param retryInterval the wait before a refused login or ACL is tried again
	 * @param onJoined called on every partition assignment
	 * @param topics the topics to read
	 * @return the settings
	 */
	public static ContainerProperties containerProperties(String groupId, int maxBatch, Duration retryInterval,
			Runnable onJoined, List<String> topics) {
		ContainerProperties properties = new ContainerProperties(topics.toArray(String[]::new));
		properties.setGroupId(groupId);
		properties.setAckMode(ContainerProperties.AckMode.BATCH);
		properties.setSyncCommits(true);
		properties.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
		properties.setAuthExceptionRetryInterval(retryInterval);
		properties.getKafkaConsumerProperties().put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
		properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
				onJoined.run();
			}

		});
		return properties;
	}

}
