package io.cdp.profile.store;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.kafka.batch.BatchConsumers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
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
		return BatchConsumers.factory(kafka, meters);
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

	@Bean
	TableVacuum tableVacuum(JdbcTemplate jdbc, VacuumProperties settings, MeterRegistry meters) {
		return new TableVacuum(jdbc, settings, meters);
	}

}
