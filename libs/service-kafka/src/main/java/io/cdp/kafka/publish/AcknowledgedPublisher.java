package io.cdp.kafka.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Sends records keyed by text and waits until Kafka has every one ({@code acks=all},
 * idempotent, never transactional), for the services' own writes to a topic that
 * something else reads whole or acts on: a request is answered only once what it
 * published cannot be lost. The producer is made on first use from the application's
 * Kafka settings; a publication fails with an {@link IllegalStateException} when Kafka
 * has not taken everything within the timeout, and never waits much longer.
 *
 * @param <V> the values
 */
public final class AcknowledgedPublisher<V> implements AutoCloseable {

	private final KafkaProperties kafka;

	private final String clientId;

	private final Serializer<V> values;

	private final Duration timeout;

	private final Consumer<Map<String, Object>> settings;

	private @Nullable KafkaProducer<String, V> producer;

	/**
	 * A publisher.
	 * @param kafka the application's Kafka settings
	 * @param clientId the producer's client id
	 * @param values how values are written
	 * @param timeout how long a publication waits for Kafka
	 * @param settings changes to the producer's configuration beyond acknowledgement
	 */
	public AcknowledgedPublisher(KafkaProperties kafka, String clientId, Serializer<V> values, Duration timeout,
			Consumer<Map<String, Object>> settings) {
		this.kafka = kafka;
		this.clientId = clientId;
		this.values = values;
		this.timeout = timeout;
		this.settings = settings;
	}

	/**
	 * Sends one record and waits until Kafka has it.
	 * @param record the record
	 * @param what what it is, for the failure's message
	 * @throws IllegalStateException when Kafka did not take it in time
	 */
	public void publish(ProducerRecord<String, V> record, String what) {
		publishAll(List.of(record), what);
	}

	/**
	 * Sends records, in order, and waits until Kafka has every one of them.
	 * @param records the records
	 * @param what what they are, for the failure's message
	 * @throws IllegalStateException when Kafka did not take them all in time
	 */
	public void publishAll(List<ProducerRecord<String, V>> records, String what) {
		KafkaProducer<String, V> producer = producer();
		List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
		for (ProducerRecord<String, V> record : records) {
			sent.add(producer.send(record));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			for (Future<RecordMetadata> future : sent) {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing " + what, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take " + what + ": " + ex.getMessage(), ex);
		}
	}

	private synchronized KafkaProducer<String, V> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, this.clientId);
			config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			// A send waits for the topic's metadata: no longer than a publication may
			// take, so that Kafka being away fails the publication in about that time.
			config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, this.timeout.toMillis());
			this.settings.accept(config);
			this.producer = new KafkaProducer<>(config, new StringSerializer(), this.values);
		}
		return this.producer;
	}

	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

}
