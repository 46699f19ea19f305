package io.cdp.ingest.publish;

import java.util.Optional;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.contract.topic.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics of this deployment, built once at start-up from {@code cdp.topics.*}
 * ({@link TopicsProperties}), and those this service writes, created at start-up when
 * missing (an idempotent producer would otherwise wait on a topic that does not exist).
 * Producer settings are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	TopicCatalog topicCatalog(Environment environment) {
		return TopicsProperties.from(environment::getProperty).catalog();
	}

	@Bean
	KafkaAdmin.NewTopics ingestTopics(TopicCatalog topics) {
		return new KafkaAdmin.NewTopics(newTopic(topics.events()), newTopic(topics.eventsDeadLetter()));
	}

	private static NewTopic newTopic(Topic<?, ?> topic) {
		return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()).configs(topic.configs());
	}

}
