package io.cdp.profile.store;

import java.util.HashMap;
import java.util.Map;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the store writer: its consumers and its lifecycle with the application. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	StoreWriter.ConsumerFactory storeConsumers(KafkaProperties kafka, StoreProperties settings, TopicCatalog topics) {
		return (groupId) -> {
			// Spring Boot's consumer settings first (bootstrap servers, TLS and SASL),
			// the
			// writer's own on top.
			Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
			config.putAll(StoreWriter.consumerSettings(settings.maxBatch()));
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
			config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.namespaced(groupId));
			return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		};
	}

	@Bean
	StoreWriter storeWriter(StoreWriter.ConsumerFactory consumers, ProfileStore store, TopicCatalog topics,
			StoreProperties settings, Quarantine quarantine, MeterRegistry meters) {
		return new StoreWriter(consumers, store, topics, settings, quarantine, meters);
	}

}
