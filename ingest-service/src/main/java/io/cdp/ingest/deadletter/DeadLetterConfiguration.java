package io.cdp.ingest.deadletter;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Wires the dead-letter store: the writer, its consumers and its listener container,
 * started and stopped with the application; the quarantine topic (created here too, so
 * the writer never waits for the profile-service to create it); and the producer replays
 * write raw bytes with.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	KafkaAdmin.NewTopics quarantineTopic(TopicCatalog topics) {
		Topic<?, ?> quarantine = topics.quarantine();
		return new KafkaAdmin.NewTopics(
				new NewTopic(quarantine.name(), Optional.of(quarantine.partitions()), Optional.empty())
					.configs(quarantine.configs()));
	}

	@Bean
	ConsumerFactory<byte[], byte[]> deadLetterConsumers(KafkaProperties kafka, MeterRegistry meters) {
		return BatchConsumers.factory(kafka, meters);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "cdp.ingest.dead-letters.enabled", matchIfMissing = true)
	DeadLetterWriter deadLetterWriter(DeadLetterRepository repository, TopicCatalog topics,
			DeadLetterProperties settings, MeterRegistry meters) {
		return new DeadLetterWriter(repository, topics, settings, meters);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "cdp.ingest.dead-letters.enabled", matchIfMissing = true)
	ConcurrentMessageListenerContainer<byte[], byte[]> deadLetterWriterContainer(DeadLetterWriter writer,
			ConsumerFactory<byte[], byte[]> deadLetterConsumers, DeadLetterProperties settings, TopicCatalog topics) {
		return writer.container(deadLetterConsumers, topics.namespaced(settings.groupId()));
	}

	/**
	 * Replays write keys and values as bytes, exactly as they were; durable like the
	 * ingest producer (Spring Boot's producer settings, acks=all, idempotent).
	 */
	@Bean(destroyMethod = "close")
	Producer<byte[], byte[]> replayProducer(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "cdp-ingest-replay");
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

}
