package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.contract.privacy.Suppression;
import io.cdp.profile.audience.EventHistory;
import org.jspecify.annotations.Nullable;
import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.profile.cx.CxRules;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The identity topology in a {@link TopologyTestDriver} with the production serdes and
 * configuration, and what it published, folded the way a consumer of its topics would.
 */
final class TopologyHarness implements AutoCloseable {

	final IdentityTopics topics = IdentityTopics.of(TopicCatalog.defaults());

	private final TopologyTestDriver driver;

	private final TestInputTopic<String, CustomerEvent> events;

	private final TestInputTopic<String, byte[]> rawEvents;

	private final TestInputTopic<String, ProfileCommand> commands;

	private final TestOutputTopic<String, ProfileState> profiles;

	private final TestOutputTopic<String, ProfileEvent> profileEvents;

	private final TestOutputTopic<String, ProfileMerged> merges;

	private final TestOutputTopic<String, QuarantinedRecord> quarantineTopic;

	private final TestOutputTopic<String, IdentifierCommand> lookups;

	private final TestOutputTopic<String, ProfileCommand> commandsOut;

	private final TestOutputTopic<String, ProfileRef> assignmentsOut;

	private final TestInputTopic<String, ProfileRef> assignmentsIn;

	private final TestOutputTopic<String, HubIdentifier> hubsOut;

	private final TestInputTopic<String, HubIdentifier> hubsIn;

	private final TestInputTopic<String, AudienceDefinition> audiences;

	private final TestInputTopic<String, Suppression> suppressions;

	private final TestOutputTopic<String, AudienceMembershipChange> membershipChanges;

	private final TestOutputTopic<String, AudienceMember> memberships;

	/** Every membership change published, in order. */
	final List<AudienceMembershipChange> publishedChanges = new ArrayList<>();

	/** The current members as the compacted topic says: key to membership. */
	final Map<String, AudienceMember> currentMembers = new HashMap<>();

	/** The hub identifiers the identifier nodes published. */
	final List<HubIdentifier> publishedHubs = new ArrayList<>();

	private final Map<String, ProfileState> latest = new HashMap<>();

	/** Every state published on the profiles topic, in order. */
	final List<ProfileState> publishedStates = new ArrayList<>();

	private final Map<String, String> profileOfEvent = new HashMap<>();

	final List<ProfileEvent> publishedEvents = new ArrayList<>();

	/** The profile ids a tombstone on {@code cdp.profiles.v1} deleted, in order. */
	final List<String> profileTombstones = new ArrayList<>();

	final List<ProfileMerged> publishedMerges = new ArrayList<>();

	/**
	 * What went to the quarantine, through a processor's sink or an exception handler.
	 */
	final List<QuarantinedRecord> quarantined = new ArrayList<>();

	final List<IdentifierCommand> sentLookups = new ArrayList<>();

	/** What went to {@code cdp.profile.commands.v1}, from any step, in order. */
	final List<ProfileCommand> sentCommands = new ArrayList<>();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private Instant wallClock;

	TopologyHarness() {
		this(NormalizationRules.defaults(), Duration.ofDays(7));
	}

	TopologyHarness(NormalizationRules rules, Duration dedupeWindow) {
		this(rules, dedupeWindow, IdentityRules.defaults());
	}

	TopologyHarness(IdentityRules identityRules) {
		this(NormalizationRules.defaults(), Duration.ofDays(7), identityRules);
	}

	/**
	 * A harness whose wall clock starts at the given time and moves only with
	 * {@link #advanceWallClock}.
	 */
	TopologyHarness(CxRules cx, Instant wallClock) {
		this(NormalizationRules.defaults(), Duration.ofDays(7), IdentityRules.defaults(), cx, wallClock, null);
	}

	/**
	 * A harness whose wall clock starts at the given time and moves only with
	 * {@link #advanceWallClock}, and whose membership step reads the history of events
	 * from before an audience existed in {@code history}.
	 */
	TopologyHarness(CxRules cx, Instant wallClock, EventHistory history) {
		this(NormalizationRules.defaults(), Duration.ofDays(7), IdentityRules.defaults(), cx, wallClock, history);
	}

	TopologyHarness(NormalizationRules rules, Duration dedupeWindow, IdentityRules identityRules) {
		this(rules, dedupeWindow, identityRules, CxRules.defaults(), Instant.now(), null);
	}

	private TopologyHarness(NormalizationRules rules, Duration dedupeWindow, IdentityRules identityRules, CxRules cx,
			Instant wallClock, @Nullable EventHistory history) {
		ProfileTopology topology = new ProfileTopology(this.topics,
				new IdentifierNormalizer(identityRules.normalization(rules)), dedupeWindow,
				new IdentityMetrics(this.meters), identityRules, cx);
		if (history != null) {
			topology.withEventHistory(history);
		}
		Properties config = IdentityStreams
			.config("driver:9092", "identity-test",
					new IdentityProperties("identity-test", dedupeWindow, "US", Set.of(), 1, 0, privateStateDirectory(),
							Duration.ofMillis(100), Map.of(), IdentityProperties.Rules.defaults()),
					this.quarantined::add);
		this.driver = new TopologyTestDriver(topology.build(), config, wallClock);
		this.wallClock = wallClock;
		TopicCatalog platform = this.topics.platform();
		this.events = this.driver.createInputTopic(platform.events().name(), platform.events().keySerde().serializer(),
				platform.events().valueSerde().serializer());
		this.rawEvents = this.driver.createInputTopic(platform.events().name(), Serdes.String().serializer(),
				Serdes.ByteArray().serializer());
		this.commands = input(this.topics.commands());
		this.profiles = output(platform.profiles());
		this.profileEvents = output(platform.profileEvents());
		this.merges = output(platform.profileMerges());
		this.quarantineTopic = output(platform.quarantine());
		this.lookups = output(this.topics.lookups());
		this.commandsOut = output(this.topics.commands());
		this.assignmentsOut = output(this.topics.assignments());
		this.assignmentsIn = input(this.topics.assignments());
		this.hubsOut = output(this.topics.hubs());
		this.hubsIn = input(this.topics.hubs());
		this.audiences = input(platform.audiences());
		this.suppressions = input(platform.suppressions());
		this.membershipChanges = output(platform.audienceMembership());
		this.memberships = output(platform.audienceMemberships());
	}

	/**
	 * Publishes an audience's definition, as the admin API does, then moves the wall
	 * clock a second so that the membership step's backfill runs.
	 */
	void defineAudience(AudienceDefinition definition) {
		this.audiences.pipeInput(definition.audienceId(), definition);
		advanceWallClock(Duration.ofSeconds(1));
	}

	/** Deletes an audience with a tombstone, then lets its backfill run. */
	void deleteAudience(String audienceId) {
		this.audiences.pipeInput(audienceId, null);
		advanceWallClock(Duration.ofSeconds(1));
	}

	/**
	 * Hands the identifier nodes' assignments to the global store, as its own consumer
	 * would once their transaction committed: the driver does not feed a global store
	 * from the topology's own output.
	 */
	private void feedAssignments() {
		this.assignmentsOut.readRecordsToList()
			.forEach((record) -> this.assignmentsIn.pipeInput(record.key(), record.value(), record.timestamp()));
		this.hubsOut.readRecordsToList().forEach((record) -> {
			this.publishedHubs.add(record.value());
			this.hubsIn.pipeInput(record.key(), record.value(), record.timestamp());
		});
	}

	private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
		return this.driver.createInputTopic(topic.name(), topic.keySerde().serializer(),
				topic.valueSerde().serializer());
	}

	private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
		return this.driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
				topic.valueSerde().deserializer());
	}

	void send(CustomerEvent... sent) {
		for (CustomerEvent event : sent) {
			this.events.pipeInput(event.messageId(), event, event.receivedAt());
			feedAssignments();
		}
		collect();
	}

	void sendRaw(String key, byte[] payload) {
		this.rawEvents.pipeInput(key, payload);
		collect();
	}

	/**
	 * A state directory of this driver's own: test classes run in parallel, and drivers
	 * with the same application id would otherwise share RocksDB directories.
	 */
	private static java.nio.file.Path privateStateDirectory() {
		try {
			return java.nio.file.Files.createTempDirectory("identity-test-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Writes raw bytes onto any topic the topology reads. */
	void sendRaw(String topic, String key, byte[] payload) {
		this.driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
			.pipeInput(key, payload);
		collect();
	}

	/**
	 * Puts raw bytes into a key-value store, as a corrupt changelog would restore them.
	 */
	void corruptStore(String storeName, String key, byte[] value) {
		KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> raw = rawStore(storeName);
		raw.put(org.apache.kafka.common.utils.Bytes.wrap(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), value);
	}

	/** Puts an identifier on the suppression list, as a privacy request does. */
	void suppress(Identifier identifier) {
		String hash = IdentifierHash.of(identifier);
		this.suppressions.pipeInput(hash, new Suppression(hash, "request", Instant.EPOCH));
	}

	void command(ProfileCommand command) {
		this.commands.pipeInput(command.target().profileId(), command);
		collect();
	}

	@SuppressWarnings("unchecked")
	private KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> rawStore(String storeName) {
		org.apache.kafka.streams.processor.StateStore store = this.driver.getAllStateStores().get(storeName);
		return (KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>) ((org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?>) store)
			.wrapped();
	}

	/** The profile the id resolves to, following merge pointers. */
	ProfileState resolve(String profileId) {
		ProfileState profile = this.latest.get(profileId);
		while (profile != null && profile.mergedInto() != null) {
			profile = this.latest.get(profile.mergedInto().profileId());
		}
		if (profile == null) {
			throw new AssertionError("No published profile for " + profileId);
		}
		return profile;
	}

	/** The last published state of a profile id, merged or not. */
	ProfileState published(String profileId) {
		ProfileState profile = this.latest.get(profileId);
		if (profile == null) {
			throw new AssertionError("No published profile for " + profileId);
		}
		return profile;
	}

	/** The active profile holding an identifier ({@code type:value}). */
	ProfileState profileWith(String identifier) {
		List<ProfileState> holders = activeProfiles().stream()
			.filter((profile) -> profile.identifiers().containsKey(identifier))
			.toList();
		if (holders.size() != 1) {
			throw new AssertionError(identifier + " is held by " + holders.size() + " active profiles");
		}
		return holders.get(0);
	}

	/** The active profile that took an event, following merge pointers. */
	ProfileState profileOfEvent(String messageId) {
		String profileId = this.profileOfEvent.get(messageId);
		if (profileId == null) {
			throw new AssertionError("Event " + messageId + " was not published with a profile");
		}
		return resolve(profileId);
	}

	List<ProfileState> activeProfiles() {
		return this.latest.values().stream().filter((profile) -> profile.mergedInto() == null).toList();
	}

	/** Which events ended up together: the sets of messageIds per surviving profile. */
	Set<Set<String>> eventGrouping() {
		Map<String, Set<String>> byProfile = new HashMap<>();
		this.profileOfEvent.forEach((messageId, profileId) -> byProfile
			.computeIfAbsent(resolve(profileId).profileId(), (id) -> new HashSet<>())
			.add(messageId));
		return new HashSet<>(byProfile.values());
	}

	/**
	 * Which identifiers ended up together: the identifier sets of the surviving profiles.
	 */
	Set<Set<String>> identifierGrouping() {
		return activeProfiles().stream()
			.map((profile) -> Set.copyOf(profile.identifiers().keySet()))
			.collect(Collectors.toSet());
	}

	/** Where the identifier node points an identifier now. */
	/** The driver's wall clock now. */
	Instant wallClock() {
		return this.wallClock;
	}

	/** A key-value store of the topology, as it is now. */
	<V> KeyValueStore<String, V> store(String name) {
		return this.driver.getKeyValueStore(name);
	}

	ProfileRef identifierPointer(String identifier) {
		KeyValueStore<String, ProfileRef> store = this.driver.getKeyValueStore(IdentifierProcessor.IDENTIFIER_STORE);
		return store.get(identifier);
	}

	/**
	 * Moves the wall clock on, which runs the punctuations due and commits, and collects
	 * what they published.
	 */
	void advanceWallClock(Duration advance) {
		this.driver.advanceWallClockTime(advance);
		this.wallClock = this.wallClock.plus(advance);
		collect();
	}

	private void collect() {
		feedAssignments();
		this.profiles.readRecordsToList().forEach((record) -> {
			if (record.value() == null) {
				this.latest.remove(record.key());
				this.profileTombstones.add(record.key());
			}
			else {
				this.latest.put(record.key(), record.value());
				this.publishedStates.add(record.value());
			}
		});
		for (var record : this.profileEvents.readRecordsToList()) {
			this.publishedEvents.add(record.value());
			this.profileOfEvent.put(record.value().event().messageId(), record.value().profileId());
		}
		this.merges.readValuesToList().forEach(this.publishedMerges::add);
		this.quarantineTopic.readValuesToList().forEach(this.quarantined::add);
		this.lookups.readValuesToList().forEach(this.sentLookups::add);
		this.commandsOut.readValuesToList().forEach(this.sentCommands::add);
		this.membershipChanges.readValuesToList().forEach(this.publishedChanges::add);
		this.memberships.readRecordsToList().forEach((record) -> {
			if (record.value() == null) {
				this.currentMembers.remove(record.key());
			}
			else {
				this.currentMembers.put(record.key(), record.value());
			}
		});
	}

	@Override
	public void close() {
		this.driver.close();
	}

}
