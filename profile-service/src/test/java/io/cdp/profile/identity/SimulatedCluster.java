package io.cdp.profile.identity;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three protocol steps run as a partitioned, asynchronous system without Kafka: every
 * message is serialised with its topic's serde, routed to a partition by Kafka's own key
 * hash, and queued per topic and partition; a seeded random scheduler then delivers from
 * any non-empty queue. Order is kept only within a partition, as Kafka keeps it, so the
 * schedules include the races a real cluster has between events that share identifiers,
 * which a sequential driver never shows. With {@code -Dsim.trace=true} each delivery is
 * printed (topic, partition, key, value), to follow a failing schedule.
 */
final class SimulatedCluster implements AutoCloseable {

	private static final boolean TRACE = Boolean.getBoolean("sim.trace");

	private static final Duration DEDUPE_WINDOW = Duration.ofDays(7);

	private static final IdentityTopics TOPICS = IdentityTopics.of(TopicCatalog.defaults());

	private final int partitions;

	private final Random random;

	private final List<Node> gathers = new ArrayList<>();

	private final List<Node> identifiers = new ArrayList<>();

	private final List<Node> profiles = new ArrayList<>();

	/** The global store of identifier assignments, which every gather node reads. */
	private final Node assignments;

	/** The global store of hub identifiers, which every gather node reads. */
	private final Node hubs;

	private final List<Queue> queues = new ArrayList<>();

	private final Map<String, String> profileOfEvent = new HashMap<>();

	private final List<ProfileEvent> publishedEvents = new ArrayList<>();

	private final Map<String, ProfileState> publishedProfiles = new HashMap<>();

	private final List<ProfileMerged> publishedMerges = new ArrayList<>();

	private int deliveries;

	private final List<StateStore> stores = new ArrayList<>();

	SimulatedCluster(int partitions, long seed) {
		this(partitions, seed, IdentityRules.defaults());
	}

	SimulatedCluster(int partitions, long seed, IdentityRules rules) {
		this.partitions = partitions;
		this.random = new Random(seed);
		IdentifierNormalizer normalizer = new IdentifierNormalizer(rules.normalization(NormalizationRules.defaults()));
		this.assignments = node(0, new GlobalStoreUpdater<>(GlobalStoreUpdater.ASSIGNMENTS_STORE),
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GlobalStoreUpdater.ASSIGNMENTS_STORE),
							Serdes.String(), IdentitySerdes.PROFILE_REFS)
					.withLoggingDisabled()
					.build());
		StateStore global = this.stores.get(this.stores.size() - 1);
		this.hubs = node(0, new GlobalStoreUpdater<>(GlobalStoreUpdater.HUBS_STORE),
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GlobalStoreUpdater.HUBS_STORE), Serdes.String(),
							IdentitySerdes.HUB_STATES)
					.withLoggingDisabled()
					.build());
		StateStore hubStore = this.stores.get(this.stores.size() - 1);
		// No one is suppressed in these runs: the gather step reads the empty list.
		node(0, new GlobalStoreUpdater<>(GlobalStoreUpdater.SUPPRESSIONS_STORE),
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GlobalStoreUpdater.SUPPRESSIONS_STORE),
							Serdes.String(), TOPICS.platform().suppressions().valueSerde())
					.withLoggingDisabled()
					.build());
		StateStore suppressionStore = this.stores.get(this.stores.size() - 1);
		for (int partition = 0; partition < partitions; partition++) {
			// What each gather task learns from answers differs from run to run, as it
			// does between instances: none, a few identifiers, or all of them.
			int remembered = List.of(0, 3, 100_000).get(this.random.nextInt(3));
			this.gathers.add(
					node(partition,
							new GatherProcessor(normalizer, DEDUPE_WINDOW, IdentityMetrics.unregistered(),
									TOPICS.platform().events().valueSerde().serializer(),
									new RecentAssignments(remembered), rules),
							List.of(global, hubStore, suppressionStore), new SimulatedDedupeStore(),
							Stores
								.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GatherProcessor.PENDING_STORE),
										Serdes.String(), IdentitySerdes.PENDING_EVENTS)
								.withLoggingDisabled()
								.build(),
							Stores
								.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GatherProcessor.REPLIES_STORE),
										Serdes.String(), IdentitySerdes.PENDING_REPLIES)
								.withLoggingDisabled()
								.build()));
			this.identifiers.add(node(partition, new IdentifierProcessor(IdentityMetrics.unregistered(), rules),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IdentifierProcessor.IDENTIFIER_STORE),
								Serdes.String(), IdentitySerdes.PROFILE_REFS)
						.withLoggingDisabled()
						.build(),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IdentifierProcessor.REFUSALS_STORE),
								Serdes.String(), IdentitySerdes.REFUSED_LINKS)
						.withLoggingDisabled()
						.build()));
			this.profiles.add(node(partition, new ProfileProcessor(IdentityMetrics.unregistered(), rules),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.PROFILE_STORE),
								Serdes.String(), IdentitySerdes.PROFILE_STATES)
						.withLoggingDisabled()
						.build(),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.OFFERS_STORE),
								Serdes.String(), IdentitySerdes.OFFERINGS)
						.withLoggingDisabled()
						.build(),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.WAITING_STORE),
								Serdes.String(), IdentitySerdes.WAITING_COMMANDS)
						.withLoggingDisabled()
						.build(),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.LEDGER_STORE),
								Serdes.String(), IdentitySerdes.SPLIT_LEDGERS)
						.withLoggingDisabled()
						.build(),
					Stores
						.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.RECHECK_STORE),
								Serdes.String(), Serdes.String())
						.withLoggingDisabled()
						.build(),
					CommitHook.builder(ProfileProcessor.COMMIT_HOOK).build()));
		}
	}

	/** The wall-clock time of every simulated task. */
	static final long WALL_CLOCK = java.time.Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

	/** Puts an event on the events topic, in the partition of its messageId. */
	void send(CustomerEvent event) {
		enqueue(TOPICS.platform().events(), Step.GATHER, event.messageId(), event, event.receivedAt().toEpochMilli());
	}

	/** Queues a command for the profile step, as the API publishes a split. */
	void command(ProfileCommand command) {
		enqueue(TOPICS.commands(), Step.PROFILE, command.target().profileId(), command, 0L);
	}

	/** Delivers queued messages in a random order until none is left. */
	void runUntilQuiet() {
		List<Queue> waiting = new ArrayList<>();
		while (true) {
			waiting.clear();
			this.queues.stream().filter((queue) -> !queue.messages.isEmpty()).forEach(waiting::add);
			if (waiting.isEmpty()) {
				// Every task commits once the input ends, and what it published is
				// routed.
				this.profiles.forEach(this::commit);
				if (this.queues.stream().allMatch((queue) -> queue.messages.isEmpty())) {
					return;
				}
				continue;
			}
			deliver(waiting.get(this.random.nextInt(waiting.size())));
			if (++this.deliveries > 1_000_000) {
				throw new AssertionError("The protocol does not settle");
			}
		}
	}

	/** Every profile state, merged-away ones included, by profile id. */
	Map<String, ProfileState> profileStates() {
		Map<String, ProfileState> states = new HashMap<>();
		for (Node node : this.profiles) {
			KeyValueStore<String, ProfileState> store = node.context.getStateStore(ProfileProcessor.PROFILE_STORE);
			try (KeyValueIterator<String, ProfileState> all = store.all()) {
				all.forEachRemaining((entry) -> states.put(entry.key, entry.value));
			}
		}
		return states;
	}

	/**
	 * The last state published for each profile id, as a consumer of the profiles topic
	 * sees it.
	 */
	Map<String, ProfileState> publishedProfiles() {
		return this.publishedProfiles;
	}

	/**
	 * The active profile a profile id resolves to, following merge pointers; fails on a
	 * cycle or a pointer to a profile that was never stored.
	 */
	static ProfileState survivor(Map<String, ProfileState> states, String profileId) {
		ProfileState state = states.get(profileId);
		for (int hops = 0; state != null && state.mergedInto() != null; hops++) {
			assertThat(hops).as("merge chain from %s", profileId).isLessThan(states.size());
			ProfileRef next = state.mergedInto();
			state = states.get(next.profileId());
		}
		assertThat(state).as("profile %s resolves to a stored profile", profileId).isNotNull();
		return state;
	}

	/** The merge log as published: merges and refusals, in order. */
	List<ProfileMerged> publishedMerges() {
		return this.publishedMerges;
	}

	/** Where each identifier node points its identifier. */
	Map<String, ProfileRef> identifierPointers() {
		Map<String, ProfileRef> pointers = new HashMap<>();
		for (Node node : this.identifiers) {
			KeyValueStore<String, ProfileRef> store = node.context.getStateStore(IdentifierProcessor.IDENTIFIER_STORE);
			try (KeyValueIterator<String, ProfileRef> all = store.all()) {
				all.forEachRemaining((entry) -> pointers.put(entry.key, entry.value));
			}
		}
		return pointers;
	}

	/** The events as the profiles took them, normalised, in the order they were taken. */
	List<ProfileEvent> publishedEvents() {
		return this.publishedEvents;
	}

	/**
	 * The profile each event was published with, by messageId; an event published twice
	 * fails.
	 */
	Map<String, String> profileOfEvent() {
		return this.profileOfEvent;
	}

	private void deliver(Queue queue) {
		Message message = queue.messages.poll();
		Node node = switch (queue.step) {
			case GATHER -> this.gathers.get(queue.partition);
			case IDENTIFIER -> this.identifiers.get(queue.partition);
			case PROFILE -> this.profiles.get(queue.partition);
			case GLOBAL -> this.assignments;
			case HUBS -> this.hubs;
		};
		Object value = message.serde.deserializer().deserialize("simulated", message.payload);
		if (TRACE) {
			System.out
				.println("delivered " + queue.topic + "/" + queue.partition + " key=" + message.key + " " + value);
		}
		node.processor.process(new Record<>(message.key, value, message.timestamp));
		if (queue.step == Step.PROFILE && this.random.nextInt(3) == 0) {
			// A task commits after some of its records, not after each: profile states
			// changed in between are written and published once, at the commit.
			commit(node);
		}
		routeForwards(node);
	}

	private void commit(Node node) {
		CommitHook hook = node.context.getStateStore(ProfileProcessor.COMMIT_HOOK);
		hook.flushCache();
		routeForwards(node);
	}

	private void routeForwards(Node node) {
		for (CapturedForward<?, ?> forward : node.context.forwarded()) {
			route(forward.childName().orElse(ProfileTopology.IDENTIFIER_TO_REPLIES), forward.record());
		}
		node.context.resetForwards();
	}

	private void route(String child, Record<?, ?> record) {
		String key = (String) record.key();
		Object value = record.value();
		switch (child) {
			case ProfileTopology.GATHER_TO_LOOKUPS, ProfileTopology.PROFILE_TO_LOOKUPS ->
				enqueue(TOPICS.lookups(), Step.IDENTIFIER, key, value, record.timestamp());
			case ProfileTopology.IDENTIFIER_TO_REPLIES ->
				enqueue(TOPICS.replies(), Step.GATHER, key, value, record.timestamp());
			case ProfileTopology.IDENTIFIER_TO_ASSIGNMENTS ->
				enqueue(TOPICS.assignments(), Step.GLOBAL, key, value, record.timestamp());
			case ProfileTopology.IDENTIFIER_TO_HUBS ->
				enqueue(TOPICS.hubs(), Step.HUBS, key, value, record.timestamp());
			case ProfileTopology.GATHER_TO_COMMANDS, ProfileTopology.PROFILE_TO_COMMANDS,
					ProfileTopology.IDENTIFIER_TO_COMMANDS ->
				enqueue(TOPICS.commands(), Step.PROFILE, key, value, record.timestamp());
			case ProfileTopology.PROFILE_TO_PROFILE_EVENTS -> {
				ProfileEvent published = (ProfileEvent) value;
				this.publishedEvents.add(published);
				String earlier = this.profileOfEvent.put(published.event().messageId(), published.profileId());
				if (earlier != null) {
					throw new AssertionError("Event " + published.event().messageId() + " was applied twice");
				}
			}
			case ProfileTopology.PROFILE_TO_PROFILES -> this.publishedProfiles.put(key, (ProfileState) value);
			case ProfileTopology.PROFILE_TO_MERGES -> this.publishedMerges.add((ProfileMerged) value);
			case ProfileTopology.MEMBERSHIP -> {
				// The membership step has no audience to evaluate in these simulations.
			}
			case ProfileTopology.GATHER_TO_QUARANTINE, ProfileTopology.IDENTIFIER_TO_QUARANTINE,
					ProfileTopology.PROFILE_TO_QUARANTINE -> {
				// Not needed by the checks.
			}
			default -> throw new IllegalStateException("Unknown child " + child);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void enqueue(Topic topic, Step step, String key, Object value, long timestamp) {
		Serde serde = topic.valueSerde();
		byte[] keyBytes = topic.keySerde().serializer().serialize("simulated", key);
		int partition = Utils.toPositive(Utils.murmur2(keyBytes)) % this.partitions;
		byte[] payload = serde.serializer().serialize("simulated", value);
		queue(topic.name(), step, partition).messages.add(new Message(key, payload, serde, timestamp));
	}

	private Queue queue(String topic, Step step, int partition) {
		for (Queue queue : this.queues) {
			if (queue.topic.equals(topic) && queue.partition == partition) {
				return queue;
			}
		}
		Queue created = new Queue(topic, step, partition, new ArrayDeque<>());
		this.queues.add(created);
		return created;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Node node(int partition, Processor processor, StateStore... stores) {
		return node(partition, processor, List.of(), stores);
	}

	/**
	 * A node with its own stores, and stores another node owns that it reads too (a
	 * global store), registered but not initialised again.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Node node(int partition, Processor processor, List<StateStore> shared, StateStore... stores) {
		Properties config = IdentityStreams.config("simulated:9092", "simulated",
				new IdentityProperties("simulated", DEDUPE_WINDOW, "US", Set.of(), 1, 0, null, Duration.ofMillis(100),
						Map.of(), IdentityProperties.Rules.defaults()),
				(record) -> {
				});
		MockProcessorContext<String, Object> context = new MockProcessorContext<>(config,
				new TaskId(this.stores.size(), partition), null);
		// The journey status is evaluated as of the wall clock: one fixed moment, so that
		// states built in any order compare equal.
		context.setCurrentSystemTimeMs(WALL_CLOCK);
		for (StateStore store : stores) {
			if (store instanceof SimulatedDedupeStore) {
				context.addStateStore(store);
			}
			else {
				store.init(context.getStateStoreContext(), store);
			}
			this.stores.add(store);
		}
		shared.forEach(context::addStateStore);
		processor.init(context);
		return new Node(processor, context);
	}

	@Override
	public void close() {
		this.stores.forEach(StateStore::close);
	}

	private enum Step {

		GATHER, IDENTIFIER, PROFILE,

		/**
		 * The global store's updater, reading the assignments topic's partitions in its
		 * own time: the gather nodes see assignments late, as on a real cluster.
		 */
		GLOBAL,

		/** The hubs store's updater, in its own time too. */
		HUBS

	}

	private record Node(Processor<String, Object, String, Object> processor,
			MockProcessorContext<String, Object> context) {

	}

	private record Message(String key, byte[] payload, Serde<?> serde, long timestamp) {

	}

	private record Queue(String topic, Step step, int partition, ArrayDeque<Message> messages) {

	}

}