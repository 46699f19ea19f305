package io.cdp.profile.identity;

import java.util.Optional;

import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.quarantine.Quarantine;
import org.apache.kafka.clients.admin.NewTopic;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the identity topology into the application: its topics, created at start-up when
 * missing, and the Streams client, started and stopped with the application.
 */
@Configuration(proxyBeanMethods = false)
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
	IdentityStreams identityStreams(IdentityTopics topics, IdentityProperties identity, KafkaProperties kafka,
			MeterRegistry meters, Quarantine quarantine) {
		ProfileTopology topology = new ProfileTopology(topics, new IdentifierNormalizer(identity.normalizationRules()),
				identity.dedupeWindow(), new IdentityMetrics(meters));
		String bootstrapServers = String.join(",", kafka.getBootstrapServers());
		IdentityStreams streams = new IdentityStreams(topology.build(), IdentityStreams.config(bootstrapServers,
				topics.platform().namespaced(identity.applicationId()), identity, quarantine), topics);
		streams.bindMetrics(meters);
		return streams;
	}

	private static NewTopic newTopic(Topic<?, ?> topic) {
		return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()).configs(topic.configs());
	}

}
