package io.cdp.contract.topic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceDefinitionSerde;
import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.audience.AudienceMemberSerde;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.audience.AudienceMembershipChangeSerde;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.privacy.SuppressionSerde;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileEventSerde;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileMergedSerde;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileStateSerde;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecordSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the platform with its serdes, as one immutable value that services
 * receive at start-up.
 *
 * <p>
 * The data topics share one partition count so that the platform scales by one number and
 * topics keyed the same way stay co-partitioned. The dead-letter and quarantine topics
 * have a single partition each: it carries a trickle of failures that people and replay
 * tools read in arrival order, and nothing joins against it. Every key is a string.
 *
 * <p>
 * The catalogue knows its namespace ({@link #prefix()}), so that whatever else a
 * deployment names on the cluster (consumer groups, a Streams application id, a service's
 * own topics) goes in the same namespace with {@link #namespaced}.
 *
 * @param prefix the namespace in front of every name, without the separating dot; empty
 * for none
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
 * @param audienceMembership {@code cdp.audience-membership.v1}: each change of a
 * profile's membership in an audience (entered or left), keyed by profileId, as
 * {@code AudienceMembershipChange} records; the destinations deliver from it
 * @param audiences {@code cdp.audiences.v1}: every audience's definition, keyed by
 * audienceId and compacted (a tombstone deletes it), as {@code AudienceDefinition}
 * records; one partition, since it is a trickle every instance reads whole
 * @param audienceMemberships {@code cdp.audience-memberships.v1}: every profile's current
 * membership in every audience, keyed by {@code audienceId:profileId} and compacted (a
 * tombstone when the profile left), as {@code AudienceMember} records
 * @param suppressions {@code cdp.suppressions.v1}: the identifiers whose events are
 * dropped, keyed by their {@code IdentifierHash} and compacted (a tombstone lifts the
 * suppression), as {@code Suppression} records; one partition, since it is a trickle
 * every instance reads whole
 */
public record TopicCatalog(String prefix, Topic<String, CustomerEvent> events,
		Topic<String, DeadLetter> eventsDeadLetter, Topic<String, ProfileState> profiles,
		Topic<String, ProfileEvent> profileEvents, Topic<String, ProfileMerged> profileMerges,
		Topic<String, QuarantinedRecord> quarantine, Topic<String, AudienceMembershipChange> audienceMembership,
		Topic<String, AudienceDefinition> audiences, Topic<String, AudienceMember> audienceMemberships,
		Topic<String, Suppression> suppressions) {

	/** The partition count of the data topics when nothing else is configured. */
	public static final int DEFAULT_PARTITIONS = 6;

	/** The identity topology's commands to identifier nodes, before the namespace. */
	public static final String IDENTITY_LOOKUPS = "cdp.identity.lookups.v1";

	/** The identifier nodes' replies, before the namespace. */
	public static final String IDENTITY_REPLIES = "cdp.identity.replies.v1";

	/** The identity topology's commands to profile nodes, before the namespace. */
	public static final String PROFILE_COMMANDS = "cdp.profile.commands.v1";

	/**
	 * The identity topology's internal topics, before the namespace. Their records are
	 * the profile-service's own, so only the names are shared, for tools that must
	 * recognise these topics (a replay of a quarantined record onto its original topic).
	 */
	public static final List<String> IDENTITY_INTERNAL_TOPICS = List.of(IDENTITY_LOOKUPS, IDENTITY_REPLIES,
			PROFILE_COMMANDS);

	private static final Duration EVENT_RETENTION = Duration.ofDays(7);

	/** Long enough for someone to notice, fix the source and replay after a holiday. */
	private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

	private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]+");

	// Stateless and shared, so that two catalogues built alike are equal.
	private static final Serde<String> KEYS = Serdes.String();

	private static final Serde<CustomerEvent> EVENTS = new CustomerEventSerde();

	private static final Serde<DeadLetter> DEAD_LETTERS = new DeadLetterSerde();

	private static final Serde<ProfileState> PROFILES = new ProfileStateSerde();

	private static final Serde<ProfileEvent> PROFILE_EVENTS = new ProfileEventSerde();

	private static final Serde<ProfileMerged> PROFILE_MERGES = new ProfileMergedSerde();

	private static final Serde<QuarantinedRecord> QUARANTINED = new QuarantinedRecordSerde();

	private static final Serde<AudienceMembershipChange> MEMBERSHIP_CHANGES = new AudienceMembershipChangeSerde();

	private static final Serde<AudienceDefinition> AUDIENCES = new AudienceDefinitionSerde();

	private static final Serde<AudienceMember> MEMBERS = new AudienceMemberSerde();

	private static final Serde<Suppression> SUPPRESSIONS = new SuppressionSerde();

	/**
	 * Checks that all topics are present and distinct.
	 * @throws IllegalArgumentException if two topics have the same name, or the prefix
	 * has characters Kafka does not allow
	 */
	public TopicCatalog {
		Objects.requireNonNull(prefix, "prefix must not be null");
		if (!prefix.isEmpty()) {
			requireLegalPrefix(prefix);
		}
		Objects.requireNonNull(events, "events must not be null");
		Objects.requireNonNull(eventsDeadLetter, "eventsDeadLetter must not be null");
		Objects.requireNonNull(profiles, "profiles must not be null");
		Objects.requireNonNull(profileEvents, "profileEvents must not be null");
		Objects.requireNonNull(profileMerges, "profileMerges must not be null");
		Objects.requireNonNull(quarantine, "quarantine must not be null");
		Objects.requireNonNull(audienceMembership, "audienceMembership must not be null");
		Objects.requireNonNull(audiences, "audiences must not be null");
		Objects.requireNonNull(audienceMemberships, "audienceMemberships must not be null");
		Objects.requireNonNull(suppressions, "suppressions must not be null");
		Set<String> names = new HashSet<>();
		for (Topic<?, ?> topic : List.of(events, eventsDeadLetter, profiles, profileEvents, profileMerges, quarantine,
				audienceMembership, audiences, audienceMemberships, suppressions)) {
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
		return new TopicCatalog("", Topic.deleting("cdp.events.v1", DEFAULT_PARTITIONS, EVENT_RETENTION, KEYS, EVENTS),
				Topic.deleting("cdp.events.dlq.v1", 1, DEAD_LETTER_RETENTION, KEYS, DEAD_LETTERS),
				Topic.compacted("cdp.profiles.v1", DEFAULT_PARTITIONS, KEYS, PROFILES),
				Topic.deleting("cdp.profile-events.v1", DEFAULT_PARTITIONS, EVENT_RETENTION, KEYS, PROFILE_EVENTS),
				Topic.deleting("cdp.profile-merges.v1", DEFAULT_PARTITIONS, EVENT_RETENTION, KEYS, PROFILE_MERGES),
				Topic.deleting("cdp.quarantine.v1", 1, DEAD_LETTER_RETENTION, KEYS, QUARANTINED),
				Topic.deleting("cdp.audience-membership.v1", DEFAULT_PARTITIONS, EVENT_RETENTION, KEYS,
						MEMBERSHIP_CHANGES),
				Topic.compacted("cdp.audiences.v1", 1, KEYS, AUDIENCES),
				Topic.compacted("cdp.audience-memberships.v1", DEFAULT_PARTITIONS, KEYS, MEMBERS),
				Topic.compacted("cdp.suppressions.v1", 1, KEYS, SUPPRESSIONS));
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
		requireLegalPrefix(prefix);
		return new TopicCatalog(this.prefix.isEmpty() ? prefix : prefix + "." + this.prefix,
				prefixed(this.events, prefix), prefixed(this.eventsDeadLetter, prefix), prefixed(this.profiles, prefix),
				prefixed(this.profileEvents, prefix), prefixed(this.profileMerges, prefix),
				prefixed(this.quarantine, prefix), prefixed(this.audienceMembership, prefix),
				prefixed(this.audiences, prefix), prefixed(this.audienceMemberships, prefix),
				prefixed(this.suppressions, prefix));
	}

	/**
	 * Returns a name in this catalogue's namespace: {@code prefix + "." + name}, or the
	 * name itself when there is no prefix. For names the catalogue does not hold, such as
	 * consumer groups, a Streams application id or a service's internal topics.
	 * @param name the name without a namespace, for example {@code cdp-profile-store}
	 * @return the name to use on the cluster
	 */
	public String namespaced(String name) {
		return this.prefix.isEmpty() ? name : this.prefix + "." + name;
	}

	/**
	 * Returns the identity topology's internal topic names in this catalogue's namespace.
	 * @return the names as on the cluster, in the order of
	 * {@link #IDENTITY_INTERNAL_TOPICS}
	 */
	public List<String> identityInternalTopics() {
		return IDENTITY_INTERNAL_TOPICS.stream().map(this::namespaced).toList();
	}

	/**
	 * Returns a copy with another partition count for the data topics; the dead-letter,
	 * quarantine and audience definition topics keep their own. Only for new clusters:
	 * Kafka cannot reduce partitions, and adding them moves keys to other partitions.
	 * @param partitions the partition count
	 * @return the resized catalog
	 * @throws IllegalArgumentException if the count is not positive
	 */
	public TopicCatalog withPartitions(int partitions) {
		return new TopicCatalog(this.prefix, this.events.withPartitions(partitions), this.eventsDeadLetter,
				this.profiles.withPartitions(partitions), this.profileEvents.withPartitions(partitions),
				this.profileMerges.withPartitions(partitions), this.quarantine,
				this.audienceMembership.withPartitions(partitions), this.audiences,
				this.audienceMemberships.withPartitions(partitions), this.suppressions);
	}

	/**
	 * Returns every topic, for example to create them all at start-up.
	 * @return the topics, events first
	 */
	public List<Topic<String, ?>> all() {
		return List.of(this.events, this.eventsDeadLetter, this.profiles, this.profileEvents, this.profileMerges,
				this.quarantine, this.audienceMembership, this.audiences, this.audienceMemberships, this.suppressions);
	}

	private static <V> Topic<String, V> prefixed(Topic<String, V> topic, String prefix) {
		return topic.withName(prefix + "." + topic.name());
	}

	private static void requireLegalPrefix(String prefix) {
		if (!LEGAL_PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException(
					"topic prefix '" + prefix + "' is not legal: use the characters a-z, A-Z, 0-9, '.', '_' and '-'");
		}
	}

}
