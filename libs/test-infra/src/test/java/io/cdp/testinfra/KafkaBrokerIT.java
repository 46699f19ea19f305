package io.cdp.testinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealInfrastructure
class KafkaBrokerIT {

	@Test
	void shouldDeliverTransactionallyProducedRecordsToAReadCommittedConsumer(TestKafka kafka) {
		String topic = kafka.topics().events().name();
		Map<String, Object> producerProperties = kafka.producerProperties();
		producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.topicPrefix() + ".tx");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties, new StringSerializer(),
				new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			IntStream.range(0, 20).forEach((i) -> producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
			producer.commitTransaction();
		}

		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties(),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					received.add(record.value());
				}
				assertThat(received).hasSize(20);
			});
		}
		assertThat(received)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).mapToObj((i) -> "value-" + i).toList());
	}

	@Test
	void shouldCreateEveryCatalogTopicUnderTheClassPrefixWithItsPartitionsAndCleanupPolicy(TestKafka kafka)
			throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			for (var topic : kafka.topics().all()) {
				assertThat(topic.name()).startsWith(kafka.topicPrefix() + ".");
				assertThat(existing).contains(topic.name());
				TopicDescription description = admin.describeTopics(List.of(topic.name()))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(topic.name());
				assertThat(description.partitions()).hasSize(topic.partitions());
			}
			String profiles = kafka.topics().profiles().name();
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, profiles);
			String cleanupPolicy = admin.describeConfigs(List.of(resource))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(resource)
				.get(TopicConfig.CLEANUP_POLICY_CONFIG)
				.value();
			assertThat(cleanupPolicy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	@Test
	void shouldCreateExtraTopicsUnderTheClassPrefix(TestKafka kafka) throws Exception {
		List<String> names = kafka.createTopics("scratch");
		assertThat(names).containsExactly(kafka.topicPrefix() + ".scratch");
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(names);
		}
	}

}
