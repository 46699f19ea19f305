package io.cdp.contract.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;

/**
 * One Kafka topic as the platform expects it to be created. The replication factor is
 * left to the cluster (the broker default), because it depends on the deployment, not on
 * the contract.
 *
 * @param name the topic name; Kafka's legal characters, at most 249
 * @param partitions the partition count, at least 1
 * @param cleanupPolicy whether old records are deleted or compacted per key
 * @param retention how long records are kept before deletion; null for a compacted topic,
 * which keeps the latest record per key forever
 */
public record Topic(String name, int partitions, CleanupPolicy cleanupPolicy, @Nullable Duration retention) {

	private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	/**
	 * Validates the topic.
	 * @throws IllegalArgumentException if the name is not a legal Kafka topic name, the
	 * partition count is not positive, a deleting topic has no positive retention or a
	 * compacted one has a retention
	 */
	public Topic {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(cleanupPolicy, "cleanupPolicy must not be null");
		if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
			throw new IllegalArgumentException("topic name '" + name
					+ "' is not legal: use 1 to 249 of the characters a-z, A-Z, 0-9, '.', '_' and '-'");
		}
		if (partitions < 1) {
			throw new IllegalArgumentException("topic " + name + " needs at least 1 partition but has " + partitions);
		}
		if (cleanupPolicy == CleanupPolicy.DELETE
				&& (retention == null || retention.isNegative() || retention.isZero())) {
			throw new IllegalArgumentException("topic " + name + " deletes old records and needs a positive retention");
		}
		if (cleanupPolicy == CleanupPolicy.COMPACT && retention != null) {
			throw new IllegalArgumentException("topic " + name + " is compacted and must not have a retention");
		}
	}

	/**
	 * Returns a topic whose records are deleted after a retention period.
	 * @param name the topic name
	 * @param partitions the partition count
	 * @param retention how long records are kept
	 * @return the topic
	 */
	public static Topic deleting(String name, int partitions, Duration retention) {
		return new Topic(name, partitions, CleanupPolicy.DELETE, retention);
	}

	/**
	 * Returns a topic that keeps the latest record per key.
	 * @param name the topic name
	 * @param partitions the partition count
	 * @return the topic
	 */
	public static Topic compacted(String name, int partitions) {
		return new Topic(name, partitions, CleanupPolicy.COMPACT, null);
	}

	/**
	 * Returns a copy with another name.
	 * @param newName the name
	 * @return the copy
	 */
	public Topic withName(String newName) {
		return new Topic(newName, this.partitions, this.cleanupPolicy, this.retention);
	}

	/**
	 * Returns a copy with another partition count.
	 * @param count the partition count
	 * @return the copy
	 */
	public Topic withPartitions(int count) {
		return new Topic(this.name, count, this.cleanupPolicy, this.retention);
	}

	/**
	 * Returns the topic-level configuration to create the topic with, for example in
	 * {@code NewTopic.configs(...)}.
	 * @return {@code cleanup.policy} and, for a deleting topic, {@code retention.ms}
	 */
	public Map<String, String> configs() {
		Map<String, String> configs = new LinkedHashMap<>();
		configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, this.cleanupPolicy.configValue());
		if (this.retention != null) {
			configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.retention.toMillis()));
		}
		return Map.copyOf(configs);
	}

	/** How Kafka discards old records of a topic. */
	public enum CleanupPolicy {

		/** Records older than the retention are deleted: a stream of facts. */
		DELETE(TopicConfig.CLEANUP_POLICY_DELETE),

		/** Only the latest record per key is kept: a table of current states. */
		COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

		private final String configValue;

		CleanupPolicy(String configValue) {
			this.configValue = configValue;
		}

		/**
		 * Returns the value of the {@code cleanup.policy} topic configuration.
		 * @return {@code delete} or {@code compact}
		 */
		public String configValue() {
			return this.configValue;
		}

	}

}
