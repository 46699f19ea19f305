package io.cdp.ingest.publish;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service writes, created at start-up when missing (an idempotent
 * producer would otherwise wait on a topic that does not exist). Producer settings are in
 * {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	TopicCatalog topicCatalog(TopicsProperties properties) {
		return properties.catalog();
	}

	@Bean
	KafkaAdmin.NewTopics ingestTopics(TopicCatalog topics) {
		return new KafkaAdmin.NewTopics(newTopic(topics.events()), newTopic(topics.eventsDeadLetter()));
	}

	private static NewTopic newTopic(Topic topic) {
		return new NewTopic(topic.name(), java.util.Optional.of(topic.partitions()), java.util.Optional.empty())
			.configs(topic.configs());
	}

}
