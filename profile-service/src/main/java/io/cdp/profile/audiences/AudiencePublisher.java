package io.cdp.profile.audiences;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.topic.Topic;
import io.cdp.profile.audiences.AudienceRepository.StoredAudience;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the audience definitions on the compacted {@code cdp.audiences.v1}, which the
 * membership step reads as a global store. The admin API publishes each change before it
 * answers, waiting for all in-sync replicas (an idempotent producer of its own, outside
 * any Streams transaction); and every definition is published again on a schedule, with a
 * tombstone for each deleted one, so that a change whose publication failed (Kafka away,
 * the instance stopped between the database and Kafka) still arrives. Publishing the same
 * definition again is harmless: the membership step acts on a new version only.
 */
class AudiencePublisher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(AudiencePublisher.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

	private final Producer<String, AudienceDefinition> producer;

	private final String topicName;

	private final AudienceRepository audiences;

	AudiencePublisher(Map<String, Object> clientSettings, Topic<String, AudienceDefinition> topic,
			AudienceRepository audiences) {
		Map<String, Object> config = new HashMap<>(clientSettings);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-audiences");
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
		this.topicName = topic.name();
		this.audiences = audiences;
	}

	/**
	 * Publishes an audience's current definition and records it as published.
	 * @param audience the audience as stored
	 * @return false when Kafka did not acknowledge it in time: the scheduled
	 * re-publication sends it later
	 */
	boolean publish(StoredAudience audience) {
		AudienceDefinition definition = new AudienceDefinition(Long.toString(audience.id()), audience.name(),
				ContractJson.mapper().readTree(audience.condition()), audience.version(), audience.updatedAt());
		if (!send(Long.toString(audience.id()), definition)) {
			return false;
		}
		this.audiences.published(audience.id(), audience.version());
		return true;
	}

	/**
	 * Publishes the tombstone of a deleted audience and then removes its row.
	 * @param audienceId the audience
	 * @return false when Kafka did not acknowledge it in time: the scheduled
	 * re-publication sends it later
	 */
	boolean publishDeletion(long audienceId) {
		if (!send(Long.toString(audienceId), null)) {
			return false;
		}
		this.audiences.remove(audienceId);
		return true;
	}

	/**
	 * Publishes every definition again, and the tombstones still owed. Each instance does
	 * it; the records are the same whoever sends them.
	 */
	@Scheduled(fixedDelayString = "${cdp.audiences.republish-interval:1m}",
			initialDelayString = "${cdp.audiences.republish-interval:1m}")
	void republish() {
		try {
			for (long deleted : this.audiences.deleted()) {
				publishDeletion(deleted);
			}
			for (StoredAudience audience : this.audiences.active()) {
				publish(audience);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot publish the audience definitions again; tried again in a minute: {}", ex.toString());
		}
	}

	/** Sends and waits for all in-sync replicas; false when that failed. */
	private boolean send(String key, @Nullable AudienceDefinition definition) {
		try {
			this.producer.send(new ProducerRecord<>(this.topicName, key, definition))
				.get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while publishing audience {}; it is sent again later", key);
			return false;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Cannot publish audience {}; it is sent again later: {}", key, ex.toString());
			return false;
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
