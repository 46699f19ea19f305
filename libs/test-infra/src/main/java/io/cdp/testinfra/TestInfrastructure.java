package io.cdp.testinfra;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.cdp.testinfra.kafka.KafkaBackend;
import io.cdp.testinfra.postgres.PostgresBackend;
import io.cdp.testinfra.redis.RedisBackend;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide broker and database server, started lazily the first time a test class
 * needs one and stopped when the JVM exits, and the registry of each test class's
 * resources.
 *
 * <p>
 * Kept static on purpose: JUnit extensions and Spring's test context cache both live for
 * the whole JVM and must see the same broker and server, and starting them once per
 * module run (a few seconds each) instead of once per class keeps the suite fast.
 */
public final class TestInfrastructure {

	static final String RUN_TAG = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000), 16);

	private static final Map<Class<?>, ClassResources> RESOURCES = new ConcurrentHashMap<>();

	private static @Nullable KafkaBackend kafka;

	private static @Nullable PostgresBackend postgres;

	private static @Nullable RedisBackend redis;

	private TestInfrastructure() {
	}

	/** The resources of one test class, created on first request. */
	public static ClassResources resourcesFor(Class<?> testClass) {
		return RESOURCES.computeIfAbsent(testClass, ClassResources::new);
	}

	/** Drops the class's database and topics; a no-op for a class that used none. */
	public static void release(Class<?> testClass) {
		ClassResources resources = RESOURCES.remove(testClass);
		if (resources != null) {
			resources.release();
		}
	}

	static synchronized KafkaBackend kafkaBackend() {
		if (kafka == null) {
			kafka = KafkaBackend.start();
			stopOnExit(kafka);
		}
		return kafka;
	}

	static synchronized PostgresBackend postgresBackend() {
		if (postgres == null) {
			postgres = PostgresBackend.start();
			stopOnExit(postgres);
		}
		return postgres;
	}

	/**
	 * The {@code redis://} URL of the JVM-wide Redis server, started on first request.
	 * Test classes share its keyspace, so each uses keys of its own.
	 */
	public static synchronized String redisUrl() {
		if (redis == null) {
			redis = RedisBackend.start();
			stopOnExit(redis);
		}
		return redis.url();
	}

	private static void stopOnExit(AutoCloseable backend) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				backend.close();
			}
			catch (Exception ex) {
				System.err.println("test-infra: could not stop " + backend + ": " + ex);
			}
		}, "test-infra-shutdown"));
	}

}
