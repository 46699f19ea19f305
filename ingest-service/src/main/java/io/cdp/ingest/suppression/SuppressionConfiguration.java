package io.cdp.ingest.suppression;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires suppression at the door: the list, its reader (started and stopped with the
 * application, its health named {@code suppressions} in the readiness group), and the
 * topic, created here when missing like the other topics this service reads, so the
 * reader never waits for the profile-service to create it.
 */
@Configuration(proxyBeanMethods = false)
class SuppressionConfiguration {

	@Bean
	KafkaAdmin.NewTopics suppressionsTopic(TopicCatalog topics) {
		Topic<?, ?> suppressions = topics.suppressions();
		return new KafkaAdmin.NewTopics(
				new NewTopic(suppressions.name(), Optional.of(suppressions.partitions()), Optional.empty())
					.configs(suppressions.configs()));
	}

	@Bean
	SuppressionList suppressionList(IdentifierNormalizationProperties normalization) {
		return new SuppressionList(new IdentifierNormalizer(normalization.rules()));
	}

	/**
	 * The reader. Spring Boot's consumer settings first (bootstrap servers, TLS, SASL),
	 * then those of a reader without a group: nothing committed, from the beginning, and
	 * only committed records, in case the list is written in transactions.
	 */
	@Bean
	SuppressionFollower suppressions(SuppressionList list, KafkaProperties kafka, TopicCatalog topics,
			SuppressionProperties settings) {
		Map<String, Object> connection = new HashMap<>(kafka.buildConsumerProperties());
		connection.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		return new SuppressionFollower(list, readers(connection), topics.suppressions().name(),
				settings.retryInterval());
	}

	/**
	 * Creates the list's readers: the given connection settings, then those of a reader
	 * without a group.
	 * @param connection bootstrap servers and security settings
	 * @return a new consumer on every call
	 */
	static Supplier<Consumer<String, byte[]>> readers(Map<String, Object> connection) {
		Map<String, Object> config = new HashMap<>(connection);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "cdp-ingest-suppressions");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
