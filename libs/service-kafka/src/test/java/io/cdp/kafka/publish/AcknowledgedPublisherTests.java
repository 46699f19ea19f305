package io.cdp.kafka.publish;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AcknowledgedPublisherTests {

	@Test
	void shouldFailInAboutItsTimeoutWhenKafkaIsAway() {
		KafkaProperties kafka = new KafkaProperties();
		// Nothing listens on port 1.
		kafka.setBootstrapServers(List.of("127.0.0.1:1"));
		try (AcknowledgedPublisher<String> publisher = new AcknowledgedPublisher<>(kafka, "test-publisher",
				new StringSerializer(), Duration.ofMillis(500), (config) -> {
				})) {
			assertTimeoutPreemptively(Duration.ofSeconds(30),
					() -> assertThatIllegalStateException()
						.isThrownBy(() -> publisher.publishAll(List.of(new ProducerRecord<>("cdp.test", "k1", "v1"),
								new ProducerRecord<>("cdp.test", "k2", "v2")), "the test records"))
						.withMessageStartingWith("Kafka did not take the test records"));
		}
	}

	@Test
	void shouldApplyItsSettingsAfterAcknowledgementAndNeverBeTransactional() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of("127.0.0.1:1"));
		kafka.getProducer().setTransactionIdPrefix("tx-");
		StringBuilder seen = new StringBuilder();
		try (AcknowledgedPublisher<String> publisher = new AcknowledgedPublisher<>(kafka, "test-publisher",
				new StringSerializer(), Duration.ofMillis(200), (config) -> {
					seen.append(config.get("acks"))
						.append(' ')
						.append(config.get("enable.idempotence"))
						.append(' ')
						.append(config.containsKey("transactional.id"));
					config.put("compression.type", "zstd");
				})) {
			assertThatIllegalStateException()
				.isThrownBy(() -> publisher.publish(new ProducerRecord<>("cdp.test", "k", "v"), "the record"));
		}
		assertThat(seen).hasToString("all true false");
	}

}
