package io.cdp.contract.topic;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Which topics a deployment uses: the settings {@code cdp.topics.prefix} and
 * {@code cdp.topics.partitions} that every service reads the same way, so that they agree
 * on the names and sizes.
 *
 * <p>
 * A plain record, free of Spring like the rest of the contract: a service reads it with
 * {@link #from} from whatever holds its settings (a Spring {@code Environment}'s
 * {@code getProperty} resolves {@code CDP_TOPICS_PREFIX} and the like too) and builds its
 * {@link TopicCatalog} once at start-up.
 *
 * @param prefix a namespace in front of every topic name, and of the consumer groups and
 * Streams application id, so that several deployments (or test classes) can share one
 * cluster; null or blank for none
 * @param partitions the partition count of the data topics when a service creates them;
 * the events topic and the identity topology's internal topics must have the same count
 */
public record TopicsProperties(@Nullable String prefix, int partitions) {

	/** The setting of the prefix. */
	public static final String PREFIX = "cdp.topics.prefix";

	/** The setting of the partition count. */
	public static final String PARTITIONS = "cdp.topics.partitions";

	/**
	 * Checks the partition count.
	 * @throws IllegalArgumentException if it is not positive
	 */
	public TopicsProperties {
		if (partitions < 1) {
			throw new IllegalArgumentException(PARTITIONS + " must be at least 1 but is " + partitions);
		}
	}

	/**
	 * Reads the settings, with the default partition count when none is set.
	 * @param settings the value of a setting by name, or null when it is not set
	 * @return the settings
	 * @throws IllegalArgumentException if the partition count is not a positive number
	 */
	public static TopicsProperties from(Function<String, @Nullable String> settings) {
		String partitions = settings.apply(PARTITIONS);
		if (partitions == null || partitions.isBlank()) {
			return new TopicsProperties(settings.apply(PREFIX), TopicCatalog.DEFAULT_PARTITIONS);
		}
		try {
			return new TopicsProperties(settings.apply(PREFIX), Integer.parseInt(partitions.strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(PARTITIONS + " must be a number but is '" + partitions + "'", ex);
		}
	}

	/**
	 * Returns the catalogue these settings describe.
	 * @return the default topics, resized and prefixed as set
	 * @throws IllegalArgumentException if the prefix has characters Kafka does not allow
	 */
	public TopicCatalog catalog() {
		TopicCatalog catalog = TopicCatalog.defaults().withPartitions(this.partitions);
		return (this.prefix == null || this.prefix.isBlank()) ? catalog : catalog.withPrefix(this.prefix.strip());
	}

}
