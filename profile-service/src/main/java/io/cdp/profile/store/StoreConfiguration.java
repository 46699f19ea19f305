package io.cdp.profile.store;

import java.util.HashMap;
import java.util.Map;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the store writer: its consumers, its listener container, started and stopped with
 * the application, and the scheduled upkeep of the events table's partitions.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StoreConfiguration {

	@Bean
	ConsumerFactory<byte[], byte[]> storeConsumers(KafkaProperties kafka, MeterRegistry meters) {
		// Spring Boot's consumer settings first (bootstrap servers, TLS and SASL), the
		// writer's own on top.
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.putAll(StoreWriter.consumerSettings());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		// The consumer's own metrics, its lag behind the topology above all
		// (kafka.consumer.fetch.manager.records.lag.max).
		consumers.addListener(new MicrometerConsumerListener<>(meters));
		return consumers;
	}

	@Bean
	StoreWriter storeWriter(ProfileStore store, TopicCatalog topics, StoreProperties settings, Quarantine quarantine,
			MeterRegistry meters) {
		return new StoreWriter(store, topics, settings, quarantine, meters);
	}

	@Bean
	ConcurrentMessageListenerContainer<byte[], byte[]> storeWriterContainer(StoreWriter writer,
			ConsumerFactory<byte[], byte[]> storeConsumers, StoreProperties settings, TopicCatalog topics) {
		return writer.container(storeConsumers, topics.namespaced(settings.groupId()));
	}

	@Bean
	EventPartitions eventPartitions(ProfileStore store, StoreProperties settings) {
		return new EventPartitions(store, settings);
	}

}
