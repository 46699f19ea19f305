package io.cdp.testinfra.kafka;

import org.testcontainers.kafka.KafkaContainer;

/** The official Apache Kafka image in KRaft mode, run by Testcontainers. */
final class ContainerKafka implements KafkaBackend {

	static final String IMAGE = "apache/kafka:4.1.1";

	private final KafkaContainer container;

	private ContainerKafka(KafkaContainer container) {
		this.container = container;
	}

	static ContainerKafka start() {
		KafkaContainer container = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		container.start();
		return new ContainerKafka(container);
	}

	@Override
	public String bootstrapServers() {
		return this.container.getBootstrapServers();
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "Testcontainers " + IMAGE;
	}

}
