package io.cdp.testinfra.kafka;

import io.cdp.testinfra.DockerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka broker shared by the test classes of one JVM. {@link #start()} picks
 * the first that applies: an external cluster from
 * {@code CDP_TEST_KAFKA_BOOTSTRAP_SERVERS}, a Testcontainers broker where a Docker engine
 * answers, else a KRaft broker inside this JVM.
 */
public interface KafkaBackend extends AutoCloseable {

	/** Environment variable naming an external cluster to test against. */
	String EXTERNAL_BOOTSTRAP_ENV = "CDP_TEST_KAFKA_BOOTSTRAP_SERVERS";

	/** Where clients connect. */
	String bootstrapServers();

	/** Stops the broker if this JVM started it. */
	@Override
	void close();

	/** Starts (or connects to) the broker for this JVM and logs which one it is. */
	static KafkaBackend start() {
		Logger log = LoggerFactory.getLogger(KafkaBackend.class);
		long started = System.nanoTime();
		String external = System.getenv(EXTERNAL_BOOTSTRAP_ENV);
		KafkaBackend backend;
		if (external != null && !external.isBlank()) {
			backend = new ExternalKafka(external);
		}
		else if (DockerEngine.isAvailable()) {
			backend = ContainerKafka.start();
		}
		else {
			backend = EmbeddedKraftKafka.start();
		}
		log.info("Kafka for integration tests: {} at {} (ready in {} ms)", backend, backend.bootstrapServers(),
				(System.nanoTime() - started) / 1_000_000);
		return backend;
	}

}
