package io.cdp.profile.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes suppressed identifiers to {@code cdp.suppressions.v1}, waiting for
 * {@code acks=all}: every ingest instance and the identity topology read the topic whole.
 */
@Component
class SuppressionPublisher implements DisposableBean {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final Topic<String, Suppression> topic;

	private final KafkaProperties kafka;

	private @Nullable KafkaProducer<String, Suppression> producer;

	SuppressionPublisher(TopicCatalog topics, KafkaProperties kafka) {
		this.topic = topics.suppressions();
		this.kafka = kafka;
	}

	/**
	 * Publishes identifiers as suppressed and waits until Kafka has every one.
	 * @param hashes the identifiers' hashes
	 * @param requestId the request that suppresses them
	 * @param at when
	 * @throws IllegalStateException when Kafka did not take them in time
	 */
	void publish(List<String> hashes, String requestId, Instant at) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		KafkaProducer<String, Suppression> producer = producer();
		for (String hash : hashes) {
			sent.add(
					producer.send(new ProducerRecord<>(this.topic.name(), hash, new Suppression(hash, requestId, at))));
		}
		long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
		try {
			for (Future<RecordMetadata> future : sent) {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing suppressions", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the suppressions: " + ex.getMessage(), ex);
		}
	}

	private synchronized KafkaProducer<String, Suppression> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-service-suppressions");
			config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			this.producer = new KafkaProducer<>(config, new StringSerializer(), this.topic.valueSerde().serializer());
		}
		return this.producer;
	}

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

}
