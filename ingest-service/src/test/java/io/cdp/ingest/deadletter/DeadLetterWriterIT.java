package io.cdp.ingest.deadletter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer's answer to a consumer that fails with something other than a Kafka error,
 * which stands for a defect in the client or the writer: it must be counted as a restart
 * and reported, never end the writer. The consumer is a real one on the real broker,
 * subscribed as the writer subscribes it; only its poll is made to throw. (Kafka's own
 * failures, an unreachable broker or database, run in {@code DeadLetterStoreIT} and
 * {@code DeadLetterDatabaseOutageIT}.)
 */
@RealInfrastructure
class DeadLetterWriterIT {

	private final DeadLetterProperties settings = new DeadLetterProperties(true, "group", 10, Duration.ofMillis(10),
			Duration.ofMillis(10), 10, Duration.ofSeconds(1));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger polls = new AtomicInteger();

	@Test
	void shouldReportDownCountAndStartOverWhenItsConsumerFails(TestKafka kafka) {
		DeadLetterWriter writer = new DeadLetterWriter(null, kafka.topics(), this.settings, this.meters);
		Map<String, Object> properties = kafka.consumerProperties();
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(properties,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		consumers.addPostProcessor(this::failingPolls);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = writer.container(consumers,
				kafka.topicPrefix() + ".dead-letter-writer");

		container.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.polls.get() >= 3);
			assertThat(writer.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(writer.health().getDetails()).containsEntry("state", "restarting")
				.containsEntry("error", "IllegalStateException: no records today");
			assertThat(this.meters.counter("cdp.deadletters.writer.restarts").count()).isGreaterThanOrEqualTo(2.0);
		}
		finally {
			container.stop();
		}
		assertThat(writer.health().getDetails()).containsEntry("state", "stopped");
	}

	/** The real consumer, except that every poll fails the way no Kafka client does. */
	@SuppressWarnings("unchecked")
	private Consumer<byte[], byte[]> failingPolls(Consumer<byte[], byte[]> real) {
		return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("poll")) {
						this.polls.incrementAndGet();
						throw new IllegalStateException("no records today");
					}
					try {
						return method.invoke(real, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
