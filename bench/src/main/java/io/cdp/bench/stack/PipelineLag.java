package io.cdp.bench.stack;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * How many records the pipeline's consumers still have to read: the sum, over every
 * consumer group with members (the identity topology's Kafka Streams application and the
 * store writer), of end offset minus committed offset on each partition they read. Groups
 * without members are someone else's leftovers and are not waited for.
 */
public final class PipelineLag implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 10;

	private final Admin admin;

	/**
	 * Connects to the broker.
	 * @param bootstrapServers the broker
	 */
	public PipelineLag(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
		this.admin = Admin.create(properties);
	}

	/**
	 * The lag of each active consumer group now.
	 * @return records behind, by group id
	 */
	public Map<String, Long> lagByGroup() {
		Map<String, Long> lag = new HashMap<>();
		List<String> groups = groups().stream().map(ConsumerGroupListing::groupId).toList();
		for (KafkaFuture<ConsumerGroupDescription> described : this.admin.describeConsumerGroups(groups)
			.describedGroups()
			.values()) {
			ConsumerGroupDescription group = unlessGone(described);
			if (group != null && group.groupState() == GroupState.STABLE && !group.members().isEmpty()) {
				lag.put(group.groupId(), lagOf(group.groupId()));
			}
		}
		return lag;
	}

	/**
	 * The lag of every consumer group that committed offsets, with members or without: a
	 * group whose consumer died keeps its committed offsets, and its lag is what that
	 * consumer left unread.
	 * @return records behind, by group id
	 */
	public Map<String, Long> lagOfEveryGroup() {
		Map<String, Long> lag = new TreeMap<>();
		for (ConsumerGroupListing group : groups()) {
			lag.put(group.groupId(), lagOf(group.groupId()));
		}
		return lag;
	}

	/**
	 * The total lag of the active groups.
	 * @return records behind
	 */
	public long total() {
		return lagByGroup().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * How far one consumer group is behind on one topic, whether or not it has members.
	 * @param groupId the group
	 * @param topic the topic
	 * @return records behind (read-committed ends minus committed offsets), 0 before the
	 * group committed anything on the topic
	 */
	public long lagOn(String groupId, String topic) {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(
				get(this.admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()));
		committed.keySet().removeIf((partition) -> !partition.topic().equals(topic));
		return lag(committed);
	}

	/**
	 * The end offset of every partition of a topic now (uncommitted transactions
	 * included).
	 * @param topic the topic
	 * @return end offset by partition
	 */
	public Map<Integer, Long> endOffsets(String topic) {
		int partitions = get(this.admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int partition = 0; partition < partitions; partition++) {
			latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		Map<Integer, Long> ends = new TreeMap<>();
		get(this.admin.listOffsets(latest).all())
			.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
		return ends;
	}

	private Collection<ConsumerGroupListing> groups() {
		return get(this.admin.listConsumerGroups().all());
	}

	/**
	 * How far one consumer group is behind on every partition it committed offsets for.
	 * @param groupId the group
	 * @return records behind
	 */
	public long lagOf(String groupId) {
		Map<TopicPartition, OffsetAndMetadata> committed = unlessGone(
				this.admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
		return (committed != null) ? lag(committed) : 0;
	}

	private long lag(Map<TopicPartition, OffsetAndMetadata> committed) {
		if (committed.isEmpty()) {
			return 0;
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		// Read-committed ends: records of open transactions are not yet readable, and the
		// Streams application reads with exactly-once.
		// Each partition's answer on its own: a group keeps the offsets of a topic
		// deleted
		// since (the plain aggregate's, once its run is over), which has nothing to wait
		// for.
		ListOffsetsResult ends = this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
		long lag = 0;
		for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
			if (entry.getValue() == null) {
				continue;
			}
			ListOffsetsResultInfo end = unlessGone(ends.partitionResult(entry.getKey()));
			if (end != null) {
				lag += Math.max(0, end.offset() - entry.getValue().offset());
			}
		}
		return lag;
	}

	/**
	 * The answer about one consumer group or partition, or null when the group or the
	 * partition's topic is gone: a group listed a moment ago may be deleted before it is
	 * described, and a group's committed offsets may name a topic deleted since (the
	 * plain aggregate's group and topics are deleted once its run is over); neither has
	 * anything left to wait for.
	 * @param answer the broker's answer
	 * @param <T> its type
	 * @return the answer, or null for a group or topic that no longer exists
	 */
	static <T> @Nullable T unlessGone(KafkaFuture<T> answer) {
		try {
			return get(answer);
		}
		catch (IllegalStateException ex) {
			if (ex.getCause() instanceof ExecutionException failed
					&& (failed.getCause() instanceof GroupIdNotFoundException
							|| failed.getCause() instanceof UnknownTopicOrPartitionException)) {
				return null;
			}
			throw ex;
		}
	}

	private static <T> T get(KafkaFuture<T> answer) {
		try {
			return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the consumer groups' lag from the broker", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}
