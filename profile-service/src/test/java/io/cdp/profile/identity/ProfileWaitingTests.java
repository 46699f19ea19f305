package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.profile.identity.ProfileCommand.Accepted;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Cause;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Offer;
import io.cdp.profile.identity.ProfileCommand.Refused;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import io.cdp.profile.identity.ProfileProcessor.Offering;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that reach a profile while it waits for the answer to its offer: they are
 * kept in order and handled when the answer comes, and those behind a merge that makes
 * the profile offer itself again keep their places rather than being written again, as
 * for one of two people who share a device, whose every event asks for a merge the rules
 * refuse.
 */
class ProfileWaitingTests {

	private static final String RULE = "user_id limit 1 exceeded (2)";

	private final TestEvents events = new TestEvents();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ProfileProcessor processor = new ProfileProcessor(new IdentityMetrics(this.meters),
			IdentityRules.defaults());

	private final List<StateStore> stores = new ArrayList<>();

	private final ProfileRef mum = new ProfileRef("mum-profile", Instant.parse("2026-01-01T00:00:00Z"));

	private final ProfileRef son = new ProfileRef("son-profile", Instant.parse("2026-02-01T00:00:00Z"));

	private final List<ProfileEvent> applied = new ArrayList<>();

	private final List<ProfileCommand> sent = new ArrayList<>();

	private final List<QuarantinedRecord> quarantined = new ArrayList<>();

	private MockProcessorContext<String, Object> context = new MockProcessorContext<>();

	@BeforeEach
	void init() {
		this.context.setCurrentSystemTimeMs(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
		store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.PROFILE_STORE), Serdes.String(),
				IdentitySerdes.PROFILE_STATES));
		store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.OFFERS_STORE), Serdes.String(),
				IdentitySerdes.OFFERINGS));
		store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.WAITING_STORE), Serdes.String(),
				IdentitySerdes.WAITING_COMMANDS));
		store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.LEDGER_STORE), Serdes.String(),
				IdentitySerdes.SPLIT_LEDGERS));
		store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ProfileProcessor.RECHECK_STORE), Serdes.String(),
				Serdes.String()));
		StateStore hook = CommitHook.builder(ProfileProcessor.COMMIT_HOOK).build();
		hook.init(this.context.getStateStoreContext(), hook);
		this.stores.add(hook);
		this.processor.init(this.context);
		CustomerEvent mumsFirst = this.events.track("App Opened", Channel.MOBILE, "user_id:mum", "device_id:tablet");
		handle(new Apply(this.mum, mumsFirst,
				List.of(resolved("user_id:mum", this.mum), resolved("device_id:tablet", this.mum))));
		handle(new Apply(this.son, this.events.track("App Opened", Channel.MOBILE, "user_id:son"),
				List.of(resolved("user_id:son", this.son))));
		this.applied.clear();
		this.sent.clear();
	}

	@AfterEach
	void close() {
		this.stores.forEach(StateStore::close);
	}

	@Test
	void shouldKeepEachWaitingCommandInOneSlotHoweverManyRefusedOffersItWaitsBehind() {
		List<CustomerEvent> onTablet = playedOnTheTablet(4);
		assertThat(offersSent()).isEqualTo(1);
		assertThat(parked()).isEqualTo(6);

		handle(new Refused(this.son, this.mum, RULE));
		// The first event is applied, its merge offers the profile again, and the four
		// commands behind it wait on where they are.
		assertThat(offersSent()).isEqualTo(2);
		assertThat(offering()).isEqualTo(new Offering(this.mum, 4, 2));
		assertThat(waitingKeys()).containsExactly(slot(2), slot(3), slot(4), slot(5));

		// A command that comes now waits behind them.
		CustomerEvent later = this.events.track("Game Saved", Channel.MOBILE, "user_id:son");
		handle(applyFor(later));
		assertThat(offering()).isEqualTo(new Offering(this.mum, 5, 2));

		handle(new Refused(this.son, this.mum, RULE));
		handle(new Refused(this.son, this.mum, RULE));
		handle(new Refused(this.son, this.mum, RULE));

		assertThat(offering()).isNull();
		assertThat(waitingKeys()).isEmpty();
		assertThat(offersSent()).isEqualTo(4);
		// Written once each: the six commands, then the later event.
		assertThat(parked()).isEqualTo(7);
		assertThat(this.applied).extracting((event) -> event.event().messageId())
			.containsExactly(onTablet.get(0).messageId(), onTablet.get(1).messageId(), onTablet.get(2).messageId(),
					onTablet.get(3).messageId(), later.messageId());
		assertThat(this.applied).allSatisfy((event) -> assertThat(event.profileId()).isEqualTo(this.son.profileId()));
		assertThat(state(this.son).eventCount()).isEqualTo(6);
		assertThat(state(this.son).mergedInto()).isNull();
	}

	@Test
	void shouldSendWhatWaitedOnToTheWinnerWhenALaterOfferIsAccepted() {
		List<CustomerEvent> onTablet = playedOnTheTablet(3);
		handle(new Refused(this.son, this.mum, RULE));
		assertThat(offering()).isEqualTo(new Offering(this.mum, 2, 2));

		handle(new Accepted(this.son, this.mum));

		assertThat(offering()).isNull();
		assertThat(waitingKeys()).isEmpty();
		assertThat(state(this.son).mergedInto()).isEqualTo(this.mum);
		// Applied before the merge that was accepted, and sent on to the winner after.
		assertThat(this.applied).extracting((event) -> event.event().messageId())
			.containsExactly(onTablet.get(0).messageId(), onTablet.get(1).messageId());
		assertThat(this.sent).filteredOn(Apply.class::isInstance)
			.map(Apply.class::cast)
			.singleElement()
			.satisfies((apply) -> {
				assertThat(apply.target()).isEqualTo(this.mum);
				assertThat(apply.event().messageId()).isEqualTo(onTablet.get(2).messageId());
			});
		assertThat(parked()).isEqualTo(4);
	}

	@Test
	void shouldGoOnWaitingWhereTheStoresSayWhenTheTaskStartsAgain() {
		List<CustomerEvent> onTablet = playedOnTheTablet(2);
		assertThat(waitingKeys()).hasSize(2);

		// The task starts again on its restored stores: a new processor over the same
		// stores, which knows of the wait only from them.
		this.processor = new ProfileProcessor(new IdentityMetrics(this.meters), IdentityRules.defaults());
		this.processor.init(this.context);
		CustomerEvent later = this.events.track("Game Saved", Channel.MOBILE, "user_id:son");
		handle(applyFor(later));

		assertThat(this.applied).extracting((event) -> event.event().messageId())
			.containsExactly(onTablet.get(0).messageId());
		assertThat(waitingKeys()).hasSize(3);
		handle(new Refused(this.son, this.mum, RULE));
		handle(new Refused(this.son, this.mum, RULE));
		assertThat(offering()).isNull();
		assertThat(waitingKeys()).isEmpty();
		assertThat(this.applied).extracting((event) -> event.event().messageId())
			.containsExactly(onTablet.get(0).messageId(), onTablet.get(1).messageId(), later.messageId());
	}

	@Test
	void shouldQuarantineAnUnreadableWaitAndLetTheProfileGoOn() {
		playedOnTheTablet(1);
		assertThat(offering()).isNotNull();
		corruptOffering();

		CustomerEvent later = this.events.track("Game Saved", Channel.MOBILE, "user_id:son");
		handle(applyFor(later));

		assertThat(this.quarantined).singleElement().satisfies(this::isTheSonsUnreadableWait);
		assertThat(this.applied).extracting((event) -> event.event().messageId()).endsWith(later.messageId());
	}

	@Test
	void shouldFindAnUnreadableWaitWhenTheTaskStartsAndLetTheProfileGoOn() {
		CustomerEvent first = this.events.track("Game Saved", Channel.MOBILE, "user_id:son");
		handle(applyFor(first));
		corruptOffering();

		this.processor = new ProfileProcessor(new IdentityMetrics(this.meters), IdentityRules.defaults());
		this.processor.init(this.context);
		CustomerEvent second = this.events.track("Game Saved", Channel.MOBILE, "user_id:son");
		handle(applyFor(second));
		handle(new Apply(this.mum, this.events.track("App Opened", Channel.MOBILE, "user_id:mum"),
				List.of(resolved("user_id:mum", this.mum))));

		assertThat(this.quarantined).singleElement().satisfies(this::isTheSonsUnreadableWait);
		assertThat(this.applied).extracting((event) -> event.event().messageId())
			.startsWith(first.messageId(), second.messageId())
			.hasSize(3);
		assertThat(state(this.son).eventCount()).isEqualTo(3);
	}

	@Test
	void shouldReadWhatAnEarlierVersionStoredAsWaitingFromTheFirstSlot() {
		byte[] earlier = "{\"winner\":{\"profileId\":\"mum-profile\",\"createdAt\":\"2026-01-01T00:00:00Z\"},\"waiting\":3}"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);

		Offering read = IdentitySerdes.OFFERINGS.deserializer().deserialize("", earlier);

		assertThat(read.winner()).isEqualTo(this.mum);
		assertThat(read.waiting()).isEqualTo(3);
		assertThat(read.firstSlot()).isZero();
		assertThat(read.next()).isEqualTo(3);
	}

	private void store(org.apache.kafka.streams.state.StoreBuilder<? extends StateStore> builder) {
		StateStore store = builder.withLoggingDisabled().build();
		store.init(this.context.getStateStoreContext(), store);
		this.stores.add(store);
	}

	private void handle(ProfileCommand command) {
		this.processor.process(new Record<>(command.target().profileId(), command, 0L));
		CommitHook hook = this.context.getStateStore(ProfileProcessor.COMMIT_HOOK);
		hook.flushCache();
		for (CapturedForward<?, ?> forward : this.context.forwarded()) {
			Object value = forward.record().value();
			String child = forward.childName().orElse("");
			if (child.equals(ProfileTopology.PROFILE_TO_PROFILE_EVENTS) && value instanceof ProfileEvent event) {
				this.applied.add(event);
			}
			else if (child.equals(ProfileTopology.PROFILE_TO_COMMANDS) && value instanceof ProfileCommand sentOn) {
				this.sent.add(sentOn);
			}
			else if (child.equals(ProfileTopology.PROFILE_TO_QUARANTINE) && value instanceof QuarantinedRecord record) {
				this.quarantined.add(record);
			}
		}
		this.context.resetForwards();
	}

	/**
	 * The son's events on the shared tablet: each goes to his profile and asks it to
	 * merge with his mother's, the older, which the rules refuse. The first merge makes
	 * his profile offer itself; the commands of the others wait for the answer.
	 */
	private List<CustomerEvent> playedOnTheTablet(int count) {
		List<CustomerEvent> played = new ArrayList<>();
		for (int index = 0; index < count; index++) {
			CustomerEvent event = this.events.track("Game Played", Channel.MOBILE, "user_id:son", "device_id:tablet");
			played.add(event);
			handle(applyFor(event));
			handle(mergeFor(event));
		}
		return played;
	}

	private Apply applyFor(CustomerEvent event) {
		return new Apply(this.son, event, resolvedOn(event));
	}

	private Merge mergeFor(CustomerEvent event) {
		return new Merge(this.son, this.mum, new Cause(event.messageId(), event.occurredAt(), null, resolvedOn(event)));
	}

	private List<Resolved> resolvedOn(CustomerEvent event) {
		List<Resolved> resolved = new ArrayList<>();
		for (Identifier identifier : event.identifiers()) {
			resolved.add(new Resolved(identifier, identifier.type() == IdentifierType.DEVICE_ID ? this.mum : this.son));
		}
		return resolved;
	}

	private static Resolved resolved(String identifier, ProfileRef profile) {
		return new Resolved(Identifier.parse(identifier), profile);
	}

	private long offersSent() {
		return this.sent.stream().filter(Offer.class::isInstance).count();
	}

	private double parked() {
		return this.meters.counter("cdp.identity.commands.parked").count();
	}

	private Offering offering() {
		KeyValueStore<String, Offering> offers = this.context.getStateStore(ProfileProcessor.OFFERS_STORE);
		return offers.get(this.son.profileId());
	}

	private ProfileState state(ProfileRef profile) {
		KeyValueStore<String, ProfileState> profiles = this.context.getStateStore(ProfileProcessor.PROFILE_STORE);
		return profiles.get(profile.profileId());
	}

	private List<String> waitingKeys() {
		KeyValueStore<String, ProfileCommand> waiting = this.context.getStateStore(ProfileProcessor.WAITING_STORE);
		List<String> keys = new ArrayList<>();
		try (KeyValueIterator<String, ProfileCommand> all = waiting.all()) {
			all.forEachRemaining((KeyValue<String, ProfileCommand> entry) -> keys.add(entry.key));
		}
		return keys;
	}

	/**
	 * Bytes that are no wait in place of the son's, as a corrupt changelog leaves them.
	 */
	@SuppressWarnings("unchecked")
	private void corruptOffering() {
		StateStore offers = this.context.getStateStore(ProfileProcessor.OFFERS_STORE);
		KeyValueStore<Bytes, byte[]> raw = (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) offers)
			.wrapped();
		raw.put(Bytes.wrap(this.son.profileId().getBytes(StandardCharsets.UTF_8)),
				new byte[] { '{', 'n', 'o', 't', (byte) 0xff, (byte) 0xfe, 0 });
	}

	private void isTheSonsUnreadableWait(QuarantinedRecord record) {
		assertThat(record.stage()).isEqualTo("identity.profile");
		assertThat(record.reason()).isEqualTo("unreadable-state");
		assertThat(record.topic()).endsWith("-" + ProfileProcessor.OFFERS_STORE + "-changelog");
		assertThat(record.key()).isEqualTo(this.son.profileId().getBytes(StandardCharsets.UTF_8));
	}

	private String slot(int slot) {
		return Offering.slot(this.son.profileId(), slot);
	}

}
