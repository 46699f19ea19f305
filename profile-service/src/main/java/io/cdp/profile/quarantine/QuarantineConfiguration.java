package io.cdp.profile.quarantine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the quarantine: its topic, created at start-up when missing so that writing to it
 * never waits for auto-creation, and its producer.
 */
@Configuration(proxyBeanMethods = false)
class QuarantineConfiguration {

	@Bean
	KafkaAdmin.NewTopics quarantineTopic(TopicCatalog topics) {
		Topic<?, ?> quarantine = topics.quarantine();
		return new KafkaAdmin.NewTopics(
				new NewTopic(quarantine.name(), Optional.of(quarantine.partitions()), Optional.empty())
					.configs(quarantine.configs()));
	}

	@Bean(destroyMethod = "close")
	KafkaQuarantine quarantine(KafkaProperties kafka, TopicCatalog topics, MeterRegistry meters) {
		// Spring Boot's producer settings first (TLS, SASL), the quarantine's own on top.
		Map<String, Object> settings = new HashMap<>(kafka.buildProducerProperties());
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		return new KafkaQuarantine(settings, topics.quarantine(), meters);
	}

}
