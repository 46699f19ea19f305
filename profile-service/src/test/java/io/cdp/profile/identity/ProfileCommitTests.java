package io.cdp.profile.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile step keeps the states it changes until its task commits, then writes and
 * publishes each once, in its latest state.
 */
class ProfileCommitTests {

	private final TestEvents events = new TestEvents();

	private final ProfileProcessor processor = new ProfileProcessor(IdentityMetrics.unregistered(),
			IdentityRules.defaults());

	private MockProcessorContext<String, Object> context;

	private List<StateStore> stores;

	private CommitHook hook;

	@BeforeEach
	void start() {
		Properties config = IdentityStreams.config(
				"unused:9092", "commit-test", new IdentityProperties("commit-test", Duration.ofHours(1), "US", Set.of(),
						1, 0, null, Duration.ofMillis(100), Map.of(), IdentityProperties.Rules.defaults()),
				(record) -> {
				});
		this.context = new MockProcessorContext<>(config, new TaskId(0, 0), null);
		this.context.setCurrentSystemTimeMs(SimulatedCluster.WALL_CLOCK);
		this.stores = List.of(store(ProfileProcessor.PROFILE_STORE, IdentitySerdes.PROFILE_STATES),
				store(ProfileProcessor.OFFERS_STORE, IdentitySerdes.OFFERINGS),
				store(ProfileProcessor.WAITING_STORE, IdentitySerdes.WAITING_COMMANDS),
				store(ProfileProcessor.LEDGER_STORE, IdentitySerdes.SPLIT_LEDGERS),
				store(ProfileProcessor.RECHECK_STORE, Serdes.String()),
				CommitHook.builder(ProfileProcessor.COMMIT_HOOK).build());
		this.stores.forEach((store) -> store.init(this.context.getStateStoreContext(), store));
		this.processor.init(this.context);
		this.hook = this.context.getStateStore(ProfileProcessor.COMMIT_HOOK);
	}

	@AfterEach
	void stop() {
		this.stores.forEach(StateStore::close);
	}

	@Test
	void shouldWriteAndPublishAProfileOncePerCommitInItsLatestState() {
		ProfileRef anna = new ProfileRef("p-anna", this.events.now());
		for (int i = 0; i < 3; i++) {
			apply(anna, this.events.page(Channel.WEB, "email:anna@example.com"));
		}

		assertThat(published()).isEmpty();
		assertThat(stored(anna)).isNull();
		assertThat(forwardsTo(ProfileTopology.PROFILE_TO_PROFILE_EVENTS)).hasSize(3);

		this.hook.flushCache();

		assertThat(published()).singleElement().satisfies((state) -> {
			assertThat(state.profileId()).isEqualTo("p-anna");
			assertThat(state.eventCount()).isEqualTo(3);
		});
		assertThat(stored(anna).eventCount()).isEqualTo(3);

		this.context.resetForwards();
		this.hook.flushCache();
		assertThat(published()).as("nothing changed since the commit").isEmpty();
		apply(anna, this.events.page(Channel.MOBILE, "email:anna@example.com"));
		this.hook.flushCache();
		assertThat(published()).singleElement().satisfies((state) -> assertThat(state.eventCount()).isEqualTo(4));
	}

	@Test
	void shouldForgetWhatWasNotCommittedWhenTheTaskDiscardsItsWork() {
		ProfileRef ben = new ProfileRef("p-ben", this.events.now());
		apply(ben, this.events.page(Channel.WEB, "email:ben@example.com"));
		this.hook.flushCache();
		apply(ben, this.events.page(Channel.WEB, "email:ben@example.com"));

		this.hook.clearCache();
		this.context.resetForwards();
		this.hook.flushCache();

		assertThat(published()).isEmpty();
		assertThat(stored(ben).eventCount()).isEqualTo(1);
		apply(ben, this.events.page(Channel.WEB, "email:ben@example.com"));
		this.hook.flushCache();
		assertThat(published()).singleElement().satisfies((state) -> assertThat(state.eventCount()).isEqualTo(2));
	}

	@Test
	void shouldForgetWhatWasNotCommittedWhenTheTaskIsInitialisedAgain() {
		ProfileRef eve = new ProfileRef("p-eve", this.events.now());
		apply(eve, this.events.page(Channel.WEB, "email:eve@example.com"));
		this.hook.flushCache();
		apply(eve, this.events.page(Channel.WEB, "email:eve@example.com"));

		this.processor.init(this.context);
		this.hook = this.context.getStateStore(ProfileProcessor.COMMIT_HOOK);
		this.context.resetForwards();
		this.hook.flushCache();

		assertThat(published()).isEmpty();
		assertThat(stored(eve).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldQuarantineAStateTooLargeToWriteAndKeepTheLastOne() {
		ProfileRef cleo = new ProfileRef("p-cleo", this.events.now());
		apply(cleo, this.events.page(Channel.WEB, "email:cleo@example.com"));
		this.hook.flushCache();
		this.context.resetForwards();
		// Traits of 300 KB, four times over: a profile larger than a record may be.
		for (int i = 0; i < 4; i++) {
			CustomerEvent big = this.events.identify(Channel.WEB, Map.of("note" + i, "x".repeat(300_000)),
					"email:cleo@example.com");
			apply(cleo, big);
		}
		ProfileRef dora = new ProfileRef("p-dora", this.events.now());
		apply(dora, this.events.page(Channel.WEB, "email:dora@example.com"));

		this.hook.flushCache();

		assertThat(forwardsTo(ProfileTopology.PROFILE_TO_QUARANTINE)).singleElement().satisfies((record) -> {
			QuarantinedRecord quarantined = (QuarantinedRecord) record.value();
			assertThat(quarantined.reason()).isEqualTo(QuarantinedRecord.Reasons.TOO_LARGE);
			assertThat(quarantined.stage()).isEqualTo("identity.profile");
		});
		assertThat(published()).extracting(ProfileState::profileId).containsExactly("p-dora");
		assertThat(stored(cleo).eventCount()).isEqualTo(1);
	}

	private void apply(ProfileRef target, CustomerEvent event) {
		List<Resolved> resolved = event.identifiers()
			.stream()
			.map((Identifier identifier) -> new Resolved(identifier, target))
			.toList();
		this.processor.process(new Record<>(target.profileId(), new Apply(target, event, resolved),
				event.receivedAt().toEpochMilli()));
	}

	private List<ProfileState> published() {
		return forwardsTo(ProfileTopology.PROFILE_TO_PROFILES).stream()
			.map((record) -> (ProfileState) record.value())
			.toList();
	}

	private List<Record<?, ?>> forwardsTo(String child) {
		return this.context.forwarded()
			.stream()
			.filter((forward) -> forward.childName().orElse("").equals(child))
			.<Record<?, ?>>map(CapturedForward::record)
			.toList();
	}

	private ProfileState stored(ProfileRef profile) {
		KeyValueStore<String, ProfileState> store = this.context.getStateStore(ProfileProcessor.PROFILE_STORE);
		return store.get(profile.profileId());
	}

	private static <V> StateStore store(String name, org.apache.kafka.common.serialization.Serde<V> values) {
		return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
			.withLoggingDisabled()
			.build();
	}

}
