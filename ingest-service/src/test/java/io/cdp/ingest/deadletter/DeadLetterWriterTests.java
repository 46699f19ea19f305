package io.cdp.ingest.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer's answer to a consumer that fails with something other than a Kafka error. A
 * real Kafka client reports its own failures as {@code KafkaException}s (that path runs
 * against a real broker in {@code DeadLetterStoreIT}), so only a consumer double can
 * produce this one; it stands for a defect in the client or the writer, which must be
 * counted as a restart and reported, never end the writer.
 */
class DeadLetterWriterTests {

	private final DeadLetterProperties settings = new DeadLetterProperties(true, "group", 10, Duration.ofMillis(10),
			Duration.ofMillis(10), 10, Duration.ofSeconds(1));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger polls = new AtomicInteger();

	@Test
	void shouldReportDownCountAndStartOverWhenItsConsumerFails() {
		DeadLetterWriter writer = new DeadLetterWriter(null, TopicCatalog.defaults(), this.settings, this.meters);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = writer.container(consumers((poll) -> {
			throw new IllegalStateException("no records today");
		}), "group");

		container.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.polls.get() >= 3);
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

	/**
	 * Consumers whose polls the given function answers: it throws, or returns null for an
	 * empty poll.
	 */
	private ConsumerFactory<byte[], byte[]> consumers(IntFunction<@Nullable Void> onPoll) {
		return new ConsumerFactory<>() {

			@Override
			public Consumer<byte[], byte[]> createConsumer(@Nullable String groupId, @Nullable String clientIdPrefix,
					@Nullable String clientIdSuffix, @Nullable Properties properties) {
				return new MockConsumer<>("earliest") {

					@Override
					public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
						onPoll.apply(DeadLetterWriterTests.this.polls.incrementAndGet());
						return ConsumerRecords.empty();
					}

				};
			}

			@Override
			public boolean isAutoCommit() {
				return false;
			}

			@Override
			public Map<String, Object> getConfigurationProperties() {
				return Map.of();
			}

		};
	}

}
