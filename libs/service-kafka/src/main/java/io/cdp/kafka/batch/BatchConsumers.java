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
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

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

	/**
	 * An error handler that delivers a failed batch again, with exponential back-off from
	 * {@code first} up to {@code max} between attempts, for as long as it fails. Nothing
	 * is ever skipped by it: a listener quarantines what it must skip itself, so every
	 * failure that reaches the handler, of whatever type, is one that waiting may cure.
	 * @param first the first wait
	 * @param max the longest wait
	 * @param writer who never skips, for the message of the exception that would
	 * @return the handler
	 */
	public static DefaultErrorHandler retryingForever(Duration first, Duration max, String writer) {
		ExponentialBackOff backOff = new ExponentialBackOff(first.toMillis(), 2.0);
		backOff.setMaxInterval(max.toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			throw new IllegalStateException(writer + " never skips a record; its back-off never ends", ex);
		}, backOff);
		handler.setClassifications(Map.of(), true);
		return handler;
	}

	/**
	 * A container of one consumer that writes batches of a topic
	 * ({@link #containerProperties}, at most 500 records), every failed batch retried
	 * without end ({@link #retryingForever}, up to 30 s between attempts).
	 * @param consumers creates the consumer (read-committed, auto-commit off)
	 * @param groupId the consumer group, namespaced
	 * @param topic the topic to read
	 * @param listener the batch listener
	 * @param retryBackoff the first wait after a failed batch
	 * @param writer who never skips, for messages
	 * @return the container, not started
	 */
	public static ConcurrentMessageListenerContainer<byte[], byte[]> singleConsumer(
			ConsumerFactory<byte[], byte[]> consumers, String groupId, String topic,
			BatchMessageListener<byte[], byte[]> listener, Duration retryBackoff, String writer) {
		ContainerProperties properties = containerProperties(groupId, 500, retryBackoff, () -> {
		}, List.of(topic));
		properties.setMessageListener(listener);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumers, properties);
		container.setConcurrency(1);
		container.setCommonErrorHandler(retryingForever(retryBackoff, Duration.ofSeconds(30), writer));
		return container;
	}

}
