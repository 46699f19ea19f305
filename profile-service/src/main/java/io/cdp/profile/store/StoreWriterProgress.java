package io.cdp.profile.store;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * How far the store writer has come, from its consumer group's committed offsets: a
 * privacy request waits until everything the identity topology published before it forgot
 * a person is stored, then deletes the rows.
 */
@Component
public class StoreWriterProgress implements DisposableBean {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private final KafkaProperties kafka;

	private final String groupId;

	private @Nullable Admin admin;

	StoreWriterProgress(KafkaProperties kafka, TopicCatalog topics, StoreProperties settings) {
		this.kafka = kafka;
		this.groupId = topics.namespaced(settings.groupId());
	}

	/**
	 * Waits until the store writer has committed, on each partition, what the partition
	 * held when this was called.
	 * @param partitions the partitions of the store writer's topics
	 * @param timeout the most to wait
	 * @return true once it has, false when the time ran out
	 */
	public boolean awaitStored(Collection<TopicPartition> partitions, Duration timeout) {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin().listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
				.all()
				.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.forEach((partition, info) -> ends.put(partition, info.offset()));
			while (System.nanoTime() < deadline) {
				Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(this.groupId)
					.partitionsToOffsetAndMetadata()
					.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				// Only the identity topology writes these topics, in transactions: the
				// last
				// offset below the stable end is the commit marker of the last
				// transaction,
				// which the writer reads past without committing it (a consumer commits
				// the
				// offset after the last record it processed).
				boolean stored = ends.entrySet().stream().allMatch((end) -> {
					OffsetAndMetadata offset = committed.get(end.getKey());
					return (end.getValue() <= 1) || (offset != null && offset.offset() >= end.getValue() - 1);
				});
				if (stored) {
					return true;
				}
				LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the store writer's offsets: " + ex.getMessage(), ex);
		}
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildAdminProperties());
			config.put("bootstrap.servers", String.join(",", this.kafka.getBootstrapServers()));
			config.put("client.id", "profile-service-store-progress");
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
	}

}
