package io.cdp.kafka.batch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

class BatchConsumersTests {

	@Test
	void shouldReadOnlyCommittedRecordsAndNeverCommitByItself() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of("broker-1:9092", "broker-2:9092"));
		kafka.getConsumer().setEnableAutoCommit(true);
		kafka.getConsumer().setAutoOffsetReset("latest");

		DefaultKafkaConsumerFactory<byte[], byte[]> consumers = BatchConsumers.factory(kafka,
				new SimpleMeterRegistry());

		assertThat(consumers.getConfigurationProperties())
			.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
			.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
			.containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092");
		assertThat(consumers.getListeners()).hasSize(1);
	}

	@Test
	void shouldRunOneConsumerThatRetriesAFailedBatchWithoutEnd() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of("broker-1:9092"));
		BatchMessageListener<byte[], byte[]> listener = (records) -> {
		};

		ConcurrentMessageListenerContainer<byte[], byte[]> container = BatchConsumers.singleConsumer(
				BatchConsumers.factory(kafka, new SimpleMeterRegistry()), "group-a", "topic-a", listener,
				Duration.ofMillis(250), "The test writer");

		assertThat(container.getConcurrency()).isEqualTo(1);
		assertThat(container.getContainerProperties().getTopics()).containsExactly("topic-a");
		assertThat(container.getContainerProperties().getGroupId()).isEqualTo("group-a");
		assertThat(container.getContainerProperties().getMessageListener()).isSameAs(listener);
		assertThat(container.getContainerProperties().getKafkaConsumerProperties())
			.containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		assertThat(container.getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
		DefaultErrorHandler handler = (DefaultErrorHandler) container.getCommonErrorHandler();
		// Every failure is retryable: none is classified as fatal, whatever its type.
		assertThat(handler.removeClassification(IllegalArgumentException.class)).isNull();
	}

	@Test
	void shouldCommitEachBatchSynchronouslyAfterTheListenerReturned() {
		AtomicInteger joins = new AtomicInteger();

		ContainerProperties properties = BatchConsumers.containerProperties("team-a.writer", 250,
				Duration.ofMillis(700), joins::incrementAndGet, List.of("a.v1", "b.v1"));

		assertThat(properties.getTopics()).containsExactly("a.v1", "b.v1");
		assertThat(properties.getGroupId()).isEqualTo("team-a.writer");
		assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.BATCH);
		assertThat(properties.isSyncCommits()).isTrue();
		assertThat(properties.getAuthExceptionRetryInterval()).isEqualTo(Duration.ofMillis(700));
		assertThat(properties.getShutdownTimeout()).isEqualTo(BatchConsumers.SHUTDOWN_TIMEOUT.toMillis());
		assertThat(properties.getKafkaConsumerProperties()).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 250);
		((ConsumerAwareRebalanceListener) properties.getConsumerRebalanceListener())
			.onPartitionsAssigned(List.of(new TopicPartition("a.v1", 0)));
		assertThat(joins).hasValue(1);
	}

}
