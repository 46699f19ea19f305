package io.cdp.profile.identity;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.cdp.profile.audience.EventHistory;
import io.cdp.profile.cx.CxProperties;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import org.apache.kafka.clients.admin.NewTopic;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the identity topology into the application: its topics, created at start-up when
 * missing, and the Streams client, which spring-kafka's factory bean
 * ({@code @EnableKafkaStreams}) starts and stops with the application and
 * {@link IdentityStreams} configures.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

	@Bean
	IdentityTopics identityTopics(TopicCatalog topics) {
		return IdentityTopics.of(topics);
	}

	@Bean
	KafkaAdmin.NewTopics identityTopicsToCreate(IdentityTopics topics) {
		return new KafkaAdmin.NewTopics(
				topics.all().stream().map(StreamsConfiguration::newTopic).toArray(NewTopic[]::new));
	}

	@Bean
	IdentityStreams identityStreams(IdentityTopics topics, IdentityProperties identity, CxProperties cx,
			MeterRegistry meters, ObjectProvider<Clock> clock, ObjectProvider<EventHistory> history) {
		ProfileTopology topology = new ProfileTopology(topics, new IdentifierNormalizer(identity.normalizationRules()),
				identity.dedupeWindow(), new IdentityMetrics(meters), identity.identityRules(), cx.rules());
		// A Clock bean exists only in tests that move time; the wall clock otherwise.
		clock.ifAvailable(topology::withAudienceClock);
		history.ifAvailable(topology::withEventHistory);
		return new IdentityStreams(topology, topics);
	}

	/**
	 * The configuration of the factory bean {@code @EnableKafkaStreams} declares; it
	 * replaces the one Spring Boot would build from {@code spring.kafka.streams.*}.
	 */
	@Bean(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
	KafkaStreamsConfiguration identityStreamsConfiguration(IdentityProperties identity, IdentityTopics topics,
			KafkaProperties kafka, Quarantine quarantine) {
		Properties config = IdentityStreams.config(String.join(",", kafka.getBootstrapServers()),
				topics.platform().namespaced(identity.applicationId()), identity, quarantine);
		Map<String, Object> settings = new HashMap<>();
		config.forEach((key, value) -> settings.put((String) key, value));
		return new KafkaStreamsConfiguration(settings);
	}

	private static NewTopic newTopic(Topic<?, ?> topic) {
		return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()).configs(topic.configs());
	}

}
