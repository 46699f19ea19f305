package io.cdp.contract.topic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every topic of the platform, as one immutable value that services receive at start-up.
 *
 * <p>
 * The four data topics share one partition count so that the platform scales by one
 * number and topics keyed the same way stay co-partitioned. The dead-letter and
 * quarantine topics have a single partition each: it carries a trickle of failures that
 * people and replay tools read in arrival order, and nothing joins against it.
 *
 * @param events {@code cdp.events.v1}: canonical events as ingested, keyed by messageId
 * @param eventsDeadLetter {@code cdp.events.dlq.v1}: inputs refused with a reason, as
 * {@code DeadLetter} records
 * @param profiles {@code cdp.profiles.v1}: the current state of every profile, keyed by
 * profileId and compacted; a merged-away profile stays with its forwarding pointer, so
 * the serving store can be rebuilt from this topic alone
 * @param profileEvents {@code cdp.profile-events.v1}: each event with its resolved
 * profileId
 * @param profileMerges {@code cdp.profile-merges.v1}: each merge of one profile into
 * another, as a notification; the lasting effect is in {@code profiles}
 * @param quarantine {@code cdp.quarantine.v1}: records a stage of the pipeline accepted
 * but could not process (unreadable, refused by a processor, too large to produce,
 * refused by the database), as {@code QuarantinedRecord}s with their raw bytes, so the
 * stage moves on and the record can be replayed onto its original topic after a fix
 */
public record TopicCatalog(Topic events, Topic eventsDeadLetter, Topic profiles, Topic profileEvents,
		Topic profileMerges, Topic quarantine) {

	/** The partition count of the data topics when nothing else is configured. */
	public static final int DEFAULT_PARTITIONS = 6;

	private static final Duration EVENT_RETENTION = Duration.ofDays(7);

	/** Long enough for someone to notice, fix the source and replay after a holiday. */
	private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

	private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]+");

	/**
	 * Checks that all topics are present and distinct.
	 * @throws IllegalArgumentException if two topics have the same name
	 */
	public TopicCatalog {
		Objects.requireNonNull(events, "events must not be null");
		Objects.requireNonNull(eventsDeadLetter, "eventsDeadLetter must not be null");
		Objects.requireNonNull(profiles, "profiles must not be null");
		Objects.requireNonNull(profileEvents, "profileEvents must not be null");
		Objects.requireNonNull(profileMerges, "profileMerges must not be null");
		Objects.requireNonNull(quarantine, "quarantine must not be null");
		Set<String> names = new HashSet<>();
		for (Topic topic : List.of(events, eventsDeadLetter, profiles, profileEvents, profileMerges, quarantine)) {
			if (!names.add(topic.name())) {
				throw new IllegalArgumentException("topic name " + topic.name() + " is used twice");
			}
		}
	}

	/**
	 * Returns the production topics with their default names and sizes.
	 * @return the default catalog
	 */
	public static TopicCatalog defaults() {
		return new TopicCatalog(Topic.deleting("cdp.events.v1", DEFAULT_PARTITIONS, EVENT_RETENTION),
				Topic.deleting("cdp.events.dlq.v1", 1, DEAD_LETTER_RETENTION),
				Topic.compacted("cdp.profiles.v1", DEFAULT_PARTITIONS),
				Topic.deleting("cdp.profile-events.v1", DEFAULT_PARTITIONS, EVENT_RETENTION),
				Topic.deleting("cdp.profile-merges.v1", DEFAULT_PARTITIONS, EVENT_RETENTION),
				Topic.deleting("cdp.quarantine.v1", 1, DEAD_LETTER_RETENTION));
	}

	/**
	 * Returns a copy with {@code prefix + "."} in front of every name, so that several
	 * deployments, or several test classes, can share one cluster. Prefixes nest if
	 * applied twice.
	 * @param prefix the namespace, for example {@code staging} or a test class name
	 * @return the prefixed catalog, for example with {@code staging.cdp.events.v1}
	 * @throws IllegalArgumentException if the prefix has characters Kafka does not allow
	 */
	public TopicCatalog withPrefix(String prefix) {
		if (!LEGAL_PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException(
					"topic prefix '" + prefix + "' is not legal: use the characters a-z, A-Z, 0-9, '.', '_' and '-'");
		}
		return new TopicCatalog(prefixed(this.events, prefix), prefixed(this.eventsDeadLetter, prefix),
				prefixed(this.profiles, prefix), prefixed(this.profileEvents, prefix),
				prefixed(this.profileMerges, prefix), prefixed(this.quarantine, prefix));
	}

	/**
	 * Returns a copy with another partition count for the four data topics; the
	 * dead-letter and quarantine topics keep their own. Only for new clusters: Kafka
	 * cannot reduce partitions, and adding them moves keys to other partitions.
	 * @param partitions the partition count
	 * @return the resized catalog
	 * @throws IllegalArgumentException if the count is not positive
	 */
	public TopicCatalog withPartitions(int partitions) {
		return new TopicCatalog(this.events.withPartitions(partitions), this.eventsDeadLetter,
				this.profiles.withPartitions(partitions), this.profileEvents.withPartitions(partitions),
				this.profileMerges.withPartitions(partitions), this.quarantine);
	}

	/**
	 * Returns every topic, for example to create them all at start-up.
	 * @return the topics, events first
	 */
	public List<Topic> all() {
		return List.of(this.events, this.eventsDeadLetter, this.profiles, this.profileEvents, this.profileMerges,
				this.quarantine);
	}

	private static Topic prefixed(Topic topic, String prefix) {
		return topic.withName(prefix + "." + topic.name());
	}

}
