package io.cdp.contract.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * One Kafka topic as the platform expects it to be created, with the serdes of its keys
 * and values, so that whoever reads or writes the topic takes the serdes from it and
 * never picks them separately. The replication factor is left to the cluster (the broker
 * default), because it depends on the deployment, not on the contract.
 *
 * <p>
 * Two topics are equal when their layout and their serde instances are; the catalogue
 * shares one instance of each serde, which holds no state.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 * @param name the topic name; Kafka's legal characters, at most 249
 * @param partitions the partition count, at least 1
 * @param cleanupPolicy whether old records are deleted or compacted per key
 * @param retention how long records are kept before deletion; null for a compacted topic,
 * which keeps the latest record per key forever
 * @param keySerde how keys are written and read
 * @param valueSerde how values are written and read
 */
public record Topic<K, V>(String name, int partitions, CleanupPolicy cleanupPolicy, @Nullable Duration retention,
		Serde<K> keySerde, Serde<V> valueSerde) {

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
		Objects.requireNonNull(keySerde, "keySerde must not be null");
		Objects.requireNonNull(valueSerde, "valueSerde must not be null");
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
	 * @param keySerde the serde of its keys
	 * @param valueSerde the serde of its values
	 * @param <K> the type of the keys
	 * @param <V> the type of the values
	 * @return the topic
	 */
	public static <K, V> Topic<K, V> deleting(String name, int partitions, Duration retention, Serde<K> keySerde,
			Serde<V> valueSerde) {
		return new Topic<>(name, partitions, CleanupPolicy.DELETE, retention, keySerde, valueSerde);
	}

	/**
	 * Returns a topic that keeps the latest record per key.
	 * @param name the topic name
	 * @param partitions the partition count
	 * @param keySerde the serde of its keys
	 * @param valueSerde the serde of its values
	 * @param <K> the type of the keys
	 * @param <V> the type of the values
	 * @return the topic
	 */
	public static <K, V> Topic<K, V> compacted(String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde) {
		return new Topic<>(name, partitions, CleanupPolicy.COMPACT, null, keySerde, valueSerde);
	}

	/**
	 * Returns a copy with another name and the same layout and serdes.
	 * @param newName the name
	 * @return the copy
	 */
	public Topic<K, V> withName(String newName) {
		return new Topic<>(newName, this.partitions, this.cleanupPolicy, this.retention, this.keySerde,
				this.valueSerde);
	}

	/**
	 * Returns a copy with another partition count.
	 * @param count the partition count
	 * @return the copy
	 */
	public Topic<K, V> withPartitions(int count) {
		return new Topic<>(this.name, count, this.cleanupPolicy, this.retention, this.keySerde, this.valueSerde);
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
