package io.cdp.testinfra;

import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.testinfra.kafka.KafkaBackend;
import io.cdp.testinfra.postgres.PostgresBackend;
import org.jspecify.annotations.Nullable;

/**
 * One test class's share of the infrastructure: its database and its topic namespace,
 * each created on first use. The names carry a per-run random tag and a counter so that
 * classes, reruns and parallel builds on one server never meet.
 */
public final class ClassResources {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final String name;

	private @Nullable TestKafka kafka;

	private @Nullable TestDatabase database;

	ClassResources(Class<?> testClass) {
		this.name = "t" + TestInfrastructure.RUN_TAG + "_" + SEQUENCE.incrementAndGet() + "_" + shortName(testClass);
	}

	/**
	 * The class's Kafka view, starting the shared broker and creating the topics on first
	 * use.
	 */
	public synchronized TestKafka kafka() {
		if (this.kafka == null) {
			KafkaBackend backend = TestInfrastructure.kafkaBackend();
			this.kafka = TestKafka.create(backend.bootstrapServers(), this.name.replace('_', '-'));
		}
		return this.kafka;
	}

	/**
	 * The class's own database, starting the shared server and creating it on first use.
	 */
	public synchronized TestDatabase database() {
		if (this.database == null) {
			PostgresBackend backend = TestInfrastructure.postgresBackend();
			this.database = TestDatabase.create(backend, this.name);
		}
		return this.database;
	}

	synchronized void release() {
		if (this.database != null) {
			this.database.drop();
			this.database = null;
		}
		if (this.kafka != null) {
			this.kafka.deleteTopics();
			this.kafka = null;
		}
	}

	private static String shortName(Class<?> testClass) {
		String simple = testClass.getSimpleName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return simple.length() > 30 ? simple.substring(0, 30) : simple;
	}

}
