package io.cdp.testinfra;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = SpringContextWiringIT.Application.class,
		properties = { "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
				"spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer" })
@RealInfrastructure
class SpringContextWiringIT {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private KafkaTemplate<String, String> kafkaTemplate;

	@Value("${cdp.topics.prefix}")
	private String topicPrefix;

	@Value("${spring.kafka.bootstrap-servers}")
	private String bootstrapServers;

	@Test
	void shouldConnectTheApplicationToTheClassDatabase(TestDatabase database) {
		String current = this.jdbc.sql("SELECT current_database()").query(String.class).single();

		assertThat(current).isEqualTo(database.name());
	}

	@Test
	void shouldConnectTheApplicationToTheBrokerAndTheClassTopics(TestKafka kafka) throws Exception {
		assertThat(this.topicPrefix).isEqualTo(kafka.topicPrefix());
		String topic = kafka.topics().profileEvents().name();

		this.kafkaTemplate.send(topic, "profile-1", "hello from Spring").get(30, TimeUnit.SECONDS);

		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumerProperties(),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
				List<String> values = new java.util.ArrayList<>();
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				assertThat(values).contains("hello from Spring");
			});
		}
		assertThat(this.bootstrapServers).isEqualTo(kafka.bootstrapServers());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
