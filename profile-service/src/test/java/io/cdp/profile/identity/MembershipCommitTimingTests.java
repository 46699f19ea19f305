package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.event.Channel;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CxRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The membership step between the moment the profile step applies an event and the commit
 * that publishes the profile's new state: the event is counted at once, the state in the
 * store still misses it, and a backfill's history read that comes back in between must
 * not replace the counts with a history that misses it too. The step runs alone on a
 * {@link MockProcessorContext}, so that its punctuation can fall in that gap, which the
 * topology test driver (a commit after every record) never leaves open.
 */
class MembershipCommitTimingTests {

	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness(CxRules.defaults(), START.plusSeconds(60));

	private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();

	private final StoredEvents history = new StoredEvents();

	private final AtomicLong audienceChanges = new AtomicLong();

	private final MembershipProcessor processor = new MembershipProcessor(
			new IdentityMetrics(new SimpleMeterRegistry()), CxRules.defaults(), null, this.history, new HashMap<>(),
			this.audienceChanges::get);

	private KeyValueStore<String, ProfileState> profiles;

	@AfterEach
	void close() {
		this.processor.close();
		this.harness.close();
	}

	@Test
	void shouldKeepTheCountOfAnEventAppliedWhileTheBackfillsReadWasInFlight() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:o-1"),
				this.events.page(Channel.WEB, "user_id:o-1"));
		ProfileState before = this.harness.profileWith("user_id:o-1");
		List<ProfileEvent> stored = List.copyOf(this.harness.publishedEvents);
		this.harness.send(this.events.track("Order Completed", Channel.MOBILE, "user_id:o-1"));
		ProfileState after = this.harness.profileWith("user_id:o-1");
		ProfileEvent applied = this.harness.publishedEvents.getLast();
		assertThat(before.eventCount()).isEqualTo(2);
		assertThat(after.eventCount()).isEqualTo(3);
		String profileId = before.profileId();

		start(before);
		this.history.takeAll(stored);
		// The audience arrives; the backfill's walk reads the person's stored history.
		backfill();
		assertThat(this.history.reads).isEqualTo(1);
		// The profile step applies the new order: counted now, its state kept for the
		// commit.
		this.processor.process(new Record<>(profileId, applied, now()));
		// The read comes back before that commit: the stored history matches the state
		// in the store, both without the new order.
		backfill();
		assertThat(changes()).isEmpty();
		// The commit publishes the new state; the store writer stores the new order.
		this.profiles.put(profileId, after);
		this.processor.process(new Record<>(profileId, after, now()));
		this.history.takeAll(List.of(applied));
		backfill();
		backfill();

		assertThat(changes()).extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change)
			.as("the stored order and the new one make two")
			.containsExactly(tuple(profileId, "entered"));
	}

	@Test
	void shouldTakeTheHistoryAtOnceWhenNoCountedEventWaitsForItsState() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:o-2"),
				this.events.track("Order Completed", Channel.WEB, "user_id:o-2"));
		ProfileState state = this.harness.profileWith("user_id:o-2");
		List<ProfileEvent> stored = List.copyOf(this.harness.publishedEvents);

		start(state);
		this.history.takeAll(stored);
		backfill();
		backfill();

		assertThat(this.history.reads).as("one read: the history held every event of the state").isEqualTo(1);
		assertThat(changes()).extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change)
			.containsExactly(tuple(state.profileId(), "entered"));
	}

	/**
	 * Sets up the step's stores with one profile and an audience of people with two
	 * orders in 30 days, created after the profile.
	 */
	private void start(ProfileState state) {
		this.context.setCurrentSystemTimeMs(START.plus(Duration.ofHours(1)).toEpochMilli());
		this.profiles = store(ProfileProcessor.PROFILE_STORE, IdentitySerdes.PROFILE_STATES);
		store(MembershipProcessor.MEMBERSHIP_STORE, IdentitySerdes.MEMBERSHIPS);
		store(MembershipProcessor.RECHECK_STORE, IdentitySerdes.KEYS);
		store(MembershipProcessor.VERSIONS_STORE, Serdes.Long());
		store(MembershipProcessor.BACKFILL_STORE, IdentitySerdes.BACKFILLS);
		store(MembershipProcessor.RESEED_STORE, Serdes.Integer());
		KeyValueStore<String, AudienceDefinition> definitions = store(AudienceDirectory.STORE,
				this.harness.topics.platform().audiences().valueSerde());
		this.processor.init(this.context);
		this.profiles.put(state.profileId(), state);
		definitions.put("1", new AudienceDefinition("1", "repeat buyers", ContractJson.mapper().readTree("""
				{"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}"""), 1, START));
		this.audienceChanges.incrementAndGet();
	}

	private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
		KeyValueStore<String, V> store = Stores
			.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), IdentitySerdes.KEYS, values)
			.withLoggingDisabled()
			.build();
		store.init(this.context.getStateStoreContext(), store);
		this.context.addStateStore((StateStore) store);
		return store;
	}

	/** Runs the backfill's punctuation, a second later than the last. */
	private void backfill() {
		this.context.setCurrentSystemTimeMs(this.context.currentSystemTimeMs() + 1_000);
		this.context.scheduledPunctuators()
			.stream()
			.filter((scheduled) -> scheduled.getInterval().equals(MembershipProcessor.DEFINITION_CHECK))
			.findFirst()
			.orElseThrow()
			.getPunctuator()
			.punctuate(this.context.currentSystemTimeMs());
	}

	private long now() {
		return this.context.currentSystemTimeMs();
	}

	private List<AudienceMembershipChange> changes() {
		List<AudienceMembershipChange> changes = new ArrayList<>();
		this.context.forwarded(ProfileTopology.MEMBERSHIP_TO_CHANGES)
			.forEach((forward) -> changes.add((AudienceMembershipChange) forward.record().value()));
		return changes;
	}

}
