package io.cdp.profile.quarantine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine on Kafka: an idempotent producer of its own, outside any Kafka Streams
 * transaction, that waits for each record to be acknowledged by all in-sync replicas.
 * Keyed by stage; the topic has one partition, so records stay in the order they came.
 */
final class KafkaQuarantine implements Quarantine, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KafkaQuarantine.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final Producer<String, QuarantinedRecord> producer;

	private final String topicName;

	private final MeterRegistry meters;

	/**
	 * Creates the producer.
	 * @param clientSettings connection settings (bootstrap servers, security)
	 * @param topic the quarantine topic, with its serdes
	 * @param meters where the counts go
	 */
	public KafkaQuarantine(Map<String, Object> clientSettings, Topic<String, QuarantinedRecord> topic,
			MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(clientSettings);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-quarantine");
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
		this.topicName = topic.name();
		this.meters = meters;
	}

	@Override
	public void put(QuarantinedRecord record) {
		try {
			this.producer.send(new ProducerRecord<>(this.topicName, record.stage(), record))
				.get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QuarantineUnavailableException("Interrupted while quarantining " + record.coordinates(), ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw new QuarantineUnavailableException("Cannot quarantine " + record.coordinates(), ex);
		}
		QuarantinedRecords.counter(this.meters, record.stage(), record.reason()).increment();
		// The error text may quote a value of the record: only at debug.
		logger.warn("Quarantined the record at {} at stage {} ({})", record.coordinates(), record.stage(),
				record.reason());
		logger.debug("Quarantined {}: {}", record.coordinates(), record.error());
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

}
