package io.cdp.testinfra.kafka;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Apache Kafka broker and controller in KRaft mode running inside the test JVM,
 * from the Kafka server jars on Maven Central. Its settings mirror a single-node
 * production broker where the platform relies on them: transactions work with one
 * replica, and topics are never auto-created, so a test fails loudly when code forgets to
 * create one.
 */
final class EmbeddedKraftKafka implements KafkaBackend {

	private final EmbeddedKafkaKraftBroker broker;

	private EmbeddedKraftKafka(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	static EmbeddedKraftKafka start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "offsets.topic.replication.factor", "1",
				"transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
				"group.initial.rebalance.delay.ms", "0"));
		broker.afterPropertiesSet();
		return new EmbeddedKraftKafka(broker);
	}

	@Override
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

	@Override
	public String toString() {
		return "in-JVM Apache Kafka broker (KRaft)";
	}

}
