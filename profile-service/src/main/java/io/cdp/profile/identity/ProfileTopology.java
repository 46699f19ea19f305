package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.time.Instant;

import io.cdp.profile.audience.EventHistory;
import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.profile.cx.CxRules;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.RoundTripJsonSerde;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * Builds the identity topology: events from every channel in, one profile per person out.
 *
 * <pre>
 *  cdp.events.v1 ─────────┐ (key messageId)
 *  cdp.identity.replies ──┤
 *                         ▼
 *   [1] gather ── dedupe by messageId (window store), normalise identifiers, one lookup per
 *        │  │ │   identifier; once every reply is back: apply to the oldest profile, merge the rest
 *        │  │ │   fast path: all identifiers known to one profile in the global store
 *        │  │ │   (cdp.identity.assignments) → apply at once, no lookups
 *        │  │ └──► cdp.quarantine.v1        (no usable identifier, unreadable state)
 *        │  └────► cdp.profile.commands     (key profileId)
 *        └───────► cdp.identity.lookups     (key type:value)
 *                         │
 *   [2] identifier ── identifier → profile (store), creates on first sight, re-points only
 *        │            to older profiles
 *        ├───────► cdp.identity.replies     (key messageId) ──► back to [1]
 *        ├───────► cdp.identity.assignments (compacted) ──► global store, every instance
 *        ├───────► cdp.profile.commands     (an alias's claimed user id was known: merge)
 *        ├───────► cdp.identity.hubs        (compacted: seen on too many profiles, stops
 *        │                                   linking) ──► global store, every instance
 *        └───────► cdp.quarantine.v1        (unreadable state)
 *
 *  cdp.profile.commands ──► [3] profile ── profileId → state (store): applies events, absorbs
 *        │  │  │  │              merged profiles, forwards along merge pointers, splits
 *        │  │  │  │              (a ledger per split profile sends late events on)
 *        │  │  │  │              (and unreadable state to cdp.quarantine.v1)
 *        │  │  │  └──► cdp.profiles.v1 (compacted) and cdp.profile-events.v1 (key profileId)
 *        │  │  └─────► cdp.profile-merges.v1 (merge log: merged or refused, rule, cause)
 *        │  └────────► cdp.identity.lookups (re-point identifiers of a merged profile,
 *        │                                    release refused ones)
 *        └───────────► cdp.profile.commands (offers and answers, forward along a pointer)
 * </pre>
 *
 * Three sub-topologies joined only by topics: the identity graph is partitioned by
 * identifier, pending events by messageId and profiles by profile id, so every step
 * scales with the partition count and no partition or thread sees every event. The
 * internal topics close loops (a reply goes back to the gather step, a merge to other
 * profiles) that Kafka Streams' own repartition topics cannot express, so the topology
 * names them itself ({@link IdentityTopics}).
 *
 * <p>
 * Each profile's commands, whoever sends them (the gather step, the identifier step,
 * other profiles), share one partition of {@code cdp.profile.commands}: Kafka keeps them
 * in the order they were written, which is their causal order, and the merge handshake
 * depends on it ({@link ProfileProcessor}).
 *
 * <p>
 * One bad record never stops the topology. What a sub-topology cannot read, process or
 * write goes to {@code cdp.quarantine.v1} with its stage ({@link #stageOf}), reason,
 * coordinates and bytes, and the task goes on: records that fail to deserialize,
 * processors that throw and results that cannot be written or are too large reach Kafka
 * Streams' exception handlers ({@link QuarantineOnDeserializationError},
 * {@link QuarantineOnProcessingError}, {@link QuarantineOnProductionError}); what a
 * processor finds itself (an event without a usable identifier, a stored value that
 * cannot be read even leniently, which then counts as absent) it forwards to its
 * quarantine sink, inside the task's transaction. Every source and sink takes its serdes
 * from its topic (the profiles sink reuses the bytes just written to the profile store,
 * {@link SerializedOnce}), and the serdes never write what they could not read back
 * ({@link io.cdp.contract.json.RoundTripJsonSerde}).
 *
 * <p>
 * The gather step's fast path reads a global store of identifier assignments, fed by the
 * identifier step through {@code cdp.identity.assignments.v1}
 * ({@link GlobalStoreUpdater}); see {@link GatherProcessor}.
 */
final class ProfileTopology {

	static final String EVENTS_SOURCE = "events";

	static final String REPLIES_SOURCE = "lookup-replies";

	static final String LOOKUPS_SOURCE = "identifier-lookups";

	static final String COMMANDS_SOURCE = "profile-commands";

	static final String GATHER = "gather";

	static final String IDENTIFIER = "identifier";

	static final String PROFILE = "profile";

	static final String GATHER_TO_LOOKUPS = "gather-to-lookups";

	static final String GATHER_TO_COMMANDS = "gather-to-commands";

	static final String GATHER_TO_QUARANTINE = "gather-to-quarantine";

	static final String IDENTIFIER_TO_QUARANTINE = "identifier-to-quarantine";

	static final String PROFILE_TO_QUARANTINE = "profile-to-quarantine";

	static final String IDENTIFIER_TO_REPLIES = "identifier-to-replies";

	static final String IDENTIFIER_TO_ASSIGNMENTS = "identifier-to-assignments";

	static final String IDENTIFIER_TO_COMMANDS = "identifier-to-commands";

	static final String IDENTIFIER_TO_HUBS = "identifier-to-hubs";

	static final String HUBS_SOURCE = "identifier-hubs";

	static final String HUBS_UPDATER = "identifier-hubs-updater";

	static final String ASSIGNMENTS_SOURCE = "identifier-assignments";

	static final String ASSIGNMENTS_UPDATER = "identifier-assignments-updater";

	static final String PROFILE_TO_PROFILES = "profile-to-profiles";

	static final String PROFILE_TO_PROFILE_EVENTS = "profile-to-profile-events";

	static final String PROFILE_TO_MERGES = "profile-to-merges";

	static final String PROFILE_TO_COMMANDS = "profile-to-commands";

	static final String PROFILE_TO_LOOKUPS = "profile-to-lookups";

	/** The membership step, a child of the profile step ({@link MembershipProcessor}). */
	static final String MEMBERSHIP = "profile-membership";

	static final String MEMBERSHIP_TO_CHANGES = "profile-membership-to-changes";

	static final String MEMBERSHIP_TO_MEMBERS = "profile-membership-to-members";

	static final String MEMBERSHIP_TO_COMMANDS = "profile-membership-to-commands";

	static final String MEMBERSHIP_TO_QUARANTINE = "profile-membership-to-quarantine";

	static final String AUDIENCES_SOURCE = "audience-definitions";

	static final String AUDIENCES_UPDATER = "audience-definitions-updater";

	/** The source of the global store of suppressed identifiers. */
	static final String SUPPRESSIONS_SOURCE = "identifier-suppressions";

	/** Keeps the global store of suppressed identifiers as its topic says. */
	static final String SUPPRESSIONS_UPDATER = "identifier-suppressions-updater";

	private final IdentityTopics topics;

	private final IdentifierNormalizer normalizer;

	private final Duration dedupeWindow;

	private final IdentityMetrics metrics;

	private final IdentityRules rules;

	private final CxRules cx;

	/** The clock of the audiences' windows; null for each task's wall clock. */
	private @Nullable Clock audienceClock;

	/**
	 * Where an audience created after the events reads their counts; null to count events
	 * from the audience's creation on.
	 */
	private @Nullable EventHistory history;

	/**
	 * When this instance's global store of audiences took each definition version, by
	 * {@code audienceId:version}: from then on every event its membership steps apply is
	 * counted for the version's conditions.
	 */
	private final Map<String, Instant> audienceArrivals = new ConcurrentHashMap<>();

	/**
	 * Counts the changes this instance's global store of audiences took, each counted
	 * after the store has it: a membership step reads the definitions again only when it
	 * has moved.
	 */
	private final AtomicLong audienceChanges = new AtomicLong();

	/** Shared by the gather tasks of the instance this topology runs in. */
	private final RecentAssignments recent = new RecentAssignments(RecentAssignments.DEFAULT_CAPACITY);

	/**
	 * Prepares a topology.
	 * @param topics the platform and internal topics
	 * @param normalizer the identifier rules every event goes through
	 * @param dedupeWindow how long a messageId is remembered to drop duplicates
	 * @param metrics what its processors count
	 * @param rules the limits and priorities that decide which links are made
	 */
	ProfileTopology(IdentityTopics topics, IdentifierNormalizer normalizer, Duration dedupeWindow,
			IdentityMetrics metrics, IdentityRules rules) {
		this(topics, normalizer, dedupeWindow, metrics, rules, CxRules.defaults());
	}

	/**
	 * Prepares a topology.
	 * @param topics the platform and internal topics
	 * @param normalizer the identifier rules every event goes through
	 * @param dedupeWindow how long a messageId is remembered to drop duplicates
	 * @param metrics what its processors count
	 * @param rules the limits and priorities that decide which links are made
	 * @param cx the rules of the customer-experience facts kept on profiles
	 */
	ProfileTopology(IdentityTopics topics, IdentifierNormalizer normalizer, Duration dedupeWindow,
			IdentityMetrics metrics, IdentityRules rules, CxRules cx) {
		this.topics = topics;
		this.normalizer = normalizer;
		this.dedupeWindow = dedupeWindow;
		this.metrics = metrics;
		this.rules = rules;
		this.cx = cx;
	}

	/**
	 * Sets the clock the membership step evaluates the audiences' windows by, in place of
	 * the wall clock of each task: for tests that move time on a real broker.
	 * @param clock the clock
	 * @return this topology
	 */
	ProfileTopology withAudienceClock(Clock clock) {
		this.audienceClock = clock;
		return this;
	}

	/**
	 * Sets where the membership step reads the stored events of an audience created or
	 * changed after them, so that its {@code performed} conditions count the history.
	 * @param history the stored events
	 * @return this topology
	 */
	ProfileTopology withEventHistory(EventHistory history) {
		this.history = history;
		return this;
	}

	/** The topology, ready for {@code new KafkaStreams(topology, config)}. */
	public Topology build() {
		Topology topology = new Topology();
		addTo(topology);
		return topology;
	}

	/**
	 * Adds the sub-topologies to a topology, such as the one Spring's
	 * {@code StreamsBuilderFactoryBean} builds and hands to its infrastructure
	 * customizer.
	 * @param topology where they go
	 */
	public void addTo(Topology topology) {
		addAssignments(topology);
		addGather(topology);
		addIdentifiers(topology);
		addProfiles(topology);
		addMemberships(topology);
	}

	private void addGather(Topology topology) {
		TopicCatalog platform = this.topics.platform();
		Topic<String, CustomerEvent> events = platform.events();
		topology.addSource(EVENTS_SOURCE, events.keySerde().deserializer(),
				IdentitySerdes.repairing(events.valueSerde().deserializer()), events.name());
		addSource(topology, REPLIES_SOURCE, this.topics.replies());
		Serializer<CustomerEvent> quarantinedEvents = events.valueSerde().serializer();
		topology.addProcessor(GATHER, () -> new GatherProcessor(this.normalizer, this.dedupeWindow, this.metrics,
				quarantinedEvents, this.recent, this.rules), EVENTS_SOURCE, REPLIES_SOURCE);
		// A messageId is kept for the whole window, not per fixed window: fetch looks
		// either side of the event's time, so the segments only decide when old ids are
		// forgotten.
		topology
			.addStateStore(
					Stores.windowStoreBuilder(Stores.persistentWindowStore(GatherProcessor.DEDUPE_STORE,
							this.dedupeWindow, Duration.ofMillis(1), false), IdentitySerdes.KEYS, Serdes.Long()),
					GATHER);
		topology.addStateStore(persistent(GatherProcessor.PENDING_STORE, IdentitySerdes.PENDING_EVENTS), GATHER);
		// Cached: the answers of one event mostly come together, and each rewrites its
		// record; the cache writes the record (and its changelog) once per commit.
		topology.addStateStore(
				persistent(GatherProcessor.REPLIES_STORE, IdentitySerdes.PENDING_REPLIES).withCachingEnabled(), GATHER);
		addSink(topology, GATHER_TO_LOOKUPS, this.topics.lookups(), GATHER);
		addSink(topology, GATHER_TO_COMMANDS, this.topics.commands(), GATHER);
		addSink(topology, GATHER_TO_QUARANTINE, platform.quarantine(), GATHER);
	}

	/**
	 * The global store of identifier assignments, on every instance: the topic is its
	 * changelog, so the store keeps no other.
	 */
	private void addAssignments(Topology topology) {
		Topic<String, ProfileRef> assignments = this.topics.assignments();
		topology.addGlobalStore(
				persistent(GlobalStoreUpdater.ASSIGNMENTS_STORE, IdentitySerdes.PROFILE_REFS).withLoggingDisabled(),
				ASSIGNMENTS_SOURCE, assignments.keySerde().deserializer(), assignments.valueSerde().deserializer(),
				assignments.name(), ASSIGNMENTS_UPDATER,
				// A pointer replaced or deleted is forgotten by the gather steps too: the
				// next event of the identifier reads the store.
				() -> new GlobalStoreUpdater<ProfileRef>(GlobalStoreUpdater.ASSIGNMENTS_STORE, this.recent::forget,
						(key, profile, at) -> this.recent.forget(key)));
		Topic<String, HubIdentifier> hubs = this.topics.hubs();
		topology.addGlobalStore(
				persistent(GlobalStoreUpdater.HUBS_STORE, IdentitySerdes.HUB_STATES).withLoggingDisabled(), HUBS_SOURCE,
				hubs.keySerde().deserializer(), hubs.valueSerde().deserializer(), hubs.name(), HUBS_UPDATER,
				() -> new GlobalStoreUpdater<>(GlobalStoreUpdater.HUBS_STORE));
		// In memory, read whole from the topic at start: a hash and a request id per
		// suppressed identifier.
		Topic<String, Suppression> suppressions = this.topics.platform().suppressions();
		topology.addGlobalStore(
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GlobalStoreUpdater.SUPPRESSIONS_STORE),
							IdentitySerdes.KEYS, suppressions.valueSerde())
					.withLoggingDisabled(),
				SUPPRESSIONS_SOURCE, suppressions.keySerde().deserializer(), suppressions.valueSerde().deserializer(),
				suppressions.name(), SUPPRESSIONS_UPDATER,
				() -> new GlobalStoreUpdater<>(GlobalStoreUpdater.SUPPRESSIONS_STORE));
	}

	private void addIdentifiers(Topology topology) {
		addSource(topology, LOOKUPS_SOURCE, this.topics.lookups());
		topology.addProcessor(IDENTIFIER, () -> new IdentifierProcessor(this.metrics, this.rules), LOOKUPS_SOURCE);
		topology.addStateStore(persistent(IdentifierProcessor.IDENTIFIER_STORE, IdentitySerdes.PROFILE_REFS),
				IDENTIFIER);
		topology.addStateStore(persistent(IdentifierProcessor.REFUSALS_STORE, IdentitySerdes.REFUSED_LINKS),
				IDENTIFIER);
		addSink(topology, IDENTIFIER_TO_REPLIES, this.topics.replies(), IDENTIFIER);
		addSink(topology, IDENTIFIER_TO_ASSIGNMENTS, this.topics.assignments(), IDENTIFIER);
		addSink(topology, IDENTIFIER_TO_COMMANDS, this.topics.commands(), IDENTIFIER);
		addSink(topology, IDENTIFIER_TO_HUBS, this.topics.hubs(), IDENTIFIER);
		addSink(topology, IDENTIFIER_TO_QUARANTINE, this.topics.platform().quarantine(), IDENTIFIER);
	}

	/**
	 * A persistent store keyed by text, with its changelog.
	 * @param name the store
	 * @param values its values' serde
	 * @param <V> the values
	 * @return the builder
	 */
	private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), IdentitySerdes.KEYS, values);
	}

	private void addProfiles(Topology topology) {
		TopicCatalog platform = this.topics.platform();
		Topic<String, ProfileCommand> commands = this.topics.commands();
		// A command that has to wait is stored as the bytes it came in (SerializedOnce).
		topology.addSource(COMMANDS_SOURCE, commands.keySerde().deserializer(),
				SerializedOnce.keepingBytes(commands.valueSerde().deserializer()), commands.name());
		topology.addProcessor(PROFILE, () -> new ProfileProcessor(this.metrics, this.rules, this.cx), COMMANDS_SOURCE);
		// Cached: each command that waits rewrites its profile's offering; the cache
		// writes it (and its changelog) once per commit.
		topology.addStateStore(persistent(ProfileProcessor.OFFERS_STORE, IdentitySerdes.OFFERINGS).withCachingEnabled(),
				PROFILE);
		topology.addStateStore(persistent(ProfileProcessor.WAITING_STORE,
				Serdes.serdeFrom(SerializedOnce.asRead(IdentitySerdes.WAITING_COMMANDS.serializer(),
						RoundTripJsonSerde.MAX_RECORD_BYTES), IdentitySerdes.WAITING_COMMANDS.deserializer())),
				PROFILE);
		topology.addStateStore(persistent(ProfileProcessor.LEDGER_STORE, IdentitySerdes.SPLIT_LEDGERS), PROFILE);
		topology.addStateStore(persistent(ProfileProcessor.RECHECK_STORE, IdentitySerdes.KEYS), PROFILE);
		// The state just stored is published as it is: serialized once for both, and
		// read back from the record cache without parsing it again.
		Serde<ProfileState> states = Serdes.serdeFrom(
				SerializedOnce.sharing(IdentitySerdes.PROFILE_STATES.serializer()),
				SerializedOnce.reading(IdentitySerdes.PROFILE_STATES.deserializer(), ProfileState.class));
		topology.addStateStore(persistent(ProfileProcessor.PROFILE_STORE, states).withCachingEnabled(), PROFILE);
		// The processor keeps the states it changes until its task commits, and writes
		// and
		// publishes each once then, as this store tells it.
		topology.addStateStore(CommitHook.builder(ProfileProcessor.COMMIT_HOOK), PROFILE);
		Topic<String, ProfileState> profiles = platform.profiles();
		topology.addSink(PROFILE_TO_PROFILES, profiles.name(), profiles.keySerde().serializer(),
				SerializedOnce.sharing(profiles.valueSerde().serializer()), PROFILE);
		addSink(topology, PROFILE_TO_PROFILE_EVENTS, platform.profileEvents(), PROFILE);
		addSink(topology, PROFILE_TO_MERGES, platform.profileMerges(), PROFILE);
		addSink(topology, PROFILE_TO_COMMANDS, this.topics.commands(), PROFILE);
		addSink(topology, PROFILE_TO_LOOKUPS, this.topics.lookups(), PROFILE);
		addSink(topology, PROFILE_TO_QUARANTINE, platform.quarantine(), PROFILE);
	}

	/**
	 * The membership step, in the profile step's sub-topology: it takes what the profile
	 * step forwards to it (the states it publishes, the events it applied, the counts of
	 * merged profiles), reads the profile states for its punctuations, and knows every
	 * audience from the global store of {@code cdp.audiences.v1}.
	 */
	private void addMemberships(Topology topology) {
		TopicCatalog platform = this.topics.platform();
		Topic<String, AudienceDefinition> audiences = platform.audiences();
		// In memory: a few hundred definitions at most, read whole from the topic at
		// start.
		topology.addGlobalStore(
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AudienceDirectory.STORE), IdentitySerdes.KEYS,
							audiences.valueSerde())
					.withLoggingDisabled(),
				AUDIENCES_SOURCE, audiences.keySerde().deserializer(), audiences.valueSerde().deserializer(),
				audiences.name(), AUDIENCES_UPDATER,
				() -> new GlobalStoreUpdater<AudienceDefinition>(AudienceDirectory.STORE,
						(key) -> this.audienceChanges.incrementAndGet(), (key, definition, at) -> {
							this.audienceArrivals.putIfAbsent(key + ":" + definition.version(), at);
							this.audienceChanges.incrementAndGet();
						}));
		topology.addProcessor(MEMBERSHIP, () -> new MembershipProcessor(this.metrics, this.cx, this.audienceClock,
				this.history, this.audienceArrivals, this.audienceChanges::get), PROFILE);
		topology.addStateStore(persistent(MembershipProcessor.MEMBERSHIP_STORE, IdentitySerdes.MEMBERSHIPS),
				MEMBERSHIP);
		topology.addStateStore(persistent(MembershipProcessor.RECHECK_STORE, IdentitySerdes.KEYS), MEMBERSHIP);
		topology.addStateStore(
				Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MembershipProcessor.VERSIONS_STORE),
						IdentitySerdes.KEYS, Serdes.Long()),
				MEMBERSHIP);
		topology.addStateStore(persistent(MembershipProcessor.BACKFILL_STORE, IdentitySerdes.BACKFILLS), MEMBERSHIP);
		topology
			.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MembershipProcessor.RESEED_STORE),
					IdentitySerdes.KEYS, Serdes.Integer()), MEMBERSHIP);
		topology.connectProcessorAndStateStores(MEMBERSHIP, ProfileProcessor.PROFILE_STORE);
		addSink(topology, MEMBERSHIP_TO_CHANGES, platform.audienceMembership(), MEMBERSHIP);
		addSink(topology, MEMBERSHIP_TO_MEMBERS, platform.audienceMemberships(), MEMBERSHIP);
		addSink(topology, MEMBERSHIP_TO_COMMANDS, this.topics.commands(), MEMBERSHIP);
		addSink(topology, MEMBERSHIP_TO_QUARANTINE, platform.quarantine(), MEMBERSHIP);
	}

	/**
	 * The quarantine stage of a node of this topology: the sub-topology it belongs to.
	 * @param nodeId a source, processor or sink name
	 * @return {@code identity.gather}, {@code identity.identifier} or
	 * {@code identity.profile}
	 */
	static String stageOf(@Nullable String nodeId) {
		if (nodeId == null) {
			return "identity";
		}
		if (nodeId.equals(EVENTS_SOURCE) || nodeId.equals(REPLIES_SOURCE) || nodeId.startsWith(GATHER)) {
			return Stages.IDENTITY_GATHER;
		}
		if (nodeId.startsWith(IDENTIFIER)) {
			// The assignments' global source and updater belong to the identifier step.
			return Stages.IDENTITY_IDENTIFIER;
		}
		if (nodeId.startsWith(PROFILE)) {
			return Stages.IDENTITY_PROFILE;
		}
		return "identity";
	}

	private static <V> void addSource(Topology topology, String name, Topic<String, V> topic) {
		topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
	}

	private static <V> void addSink(Topology topology, String name, Topic<String, V> topic, String parent) {
		topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), parent);
	}

}
