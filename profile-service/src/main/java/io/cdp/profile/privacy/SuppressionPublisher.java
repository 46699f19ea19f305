package io.cdp.profile.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.publish.AcknowledgedPublisher;
import org.apache.kafka.clients.producer.ProducerRecord;

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

	private final AcknowledgedPublisher<Suppression> publisher;

	SuppressionPublisher(TopicCatalog topics, KafkaProperties kafka) {
		this.topic = topics.suppressions();
		this.publisher = new AcknowledgedPublisher<>(kafka, "profile-service-suppressions",
				this.topic.valueSerde().serializer(), SEND_TIMEOUT, (config) -> {
				});
	}

	/**
	 * Publishes identifiers as suppressed and waits until Kafka has every one.
	 * @param hashes the identifiers' hashes
	 * @param requestId the request that suppresses them
	 * @param at when
	 * @throws IllegalStateException when Kafka did not take them in time
	 */
	void publish(List<String> hashes, String requestId, Instant at) {
		List<ProducerRecord<String, Suppression>> records = new ArrayList<>(hashes.size());
		for (String hash : hashes) {
			records.add(new ProducerRecord<>(this.topic.name(), hash, new Suppression(hash, requestId, at)));
		}
		this.publisher.publishAll(records, "the suppressions");
	}

	@Override
	public void destroy() {
		this.publisher.close();
	}

}
