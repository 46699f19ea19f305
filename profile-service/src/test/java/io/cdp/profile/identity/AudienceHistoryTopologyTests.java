package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.cx.CxRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An audience created after the events it counts: its backfill takes each profile's
 * counts from the stored events, once the store holds every event applied to the profile,
 * without counting twice the events applied between its creation and the read; a profile
 * the store is behind on waits, and one merged into a profile already read makes the
 * survivor be read again.
 */
class AudienceHistoryTopologyTests {

	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private static final String REPEAT_BUYERS = """
			{"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}""";

	private final TestEvents events = new TestEvents();

	private final StoredEvents store = new StoredEvents();

	private final TopologyHarness harness = new TopologyHarness(CxRules.defaults(), START.plusSeconds(60), this.store);

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldCountTheStoredHistoryOfAnAudienceCreatedAfterTheEvents() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"),
				this.events.track("Order Completed", Channel.WEB, "user_id:u-1"),
				this.events.track("Order Completed", Channel.WEB, "user_id:u-2"));
		String repeat = this.harness.profileWith("user_id:u-1").profileId();
		String once = this.harness.profileWith("user_id:u-2").profileId();
		this.store.takeAll(this.harness.publishedEvents);

		this.harness.defineAudience(definition("1", REPEAT_BUYERS, 1));
		settle();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.containsExactly(tuple(repeat, "entered", "definition"));

		this.harness.send(this.events.track("Order Completed", Channel.MOBILE, "user_id:u-2"));

		assertThat(this.harness.publishedChanges.subList(1, 2))
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.as("the stored order and the new one make two")
			.containsExactly(tuple(once, "entered", "event"));
		assertThat(this.harness.currentMembers.keySet()).containsExactlyInAnyOrder(AudienceMember.keyOf("1", repeat),
				AudienceMember.keyOf("1", once));
		assertThat(this.harness.meters.get("cdp.audience.history.reads").tag("outcome", "whole").counter().count())
			.isEqualTo(2);
	}

	@Test
	void shouldWaitForTheStoreAndCountAnEventAppliedBeforeTheReadOnce() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));
		String profileId = this.harness.profileWith("user_id:u-1").profileId();
		this.store.takeAll(this.harness.publishedEvents);
		this.harness.defineAudience(definition("2", REPEAT_BUYERS, 1));
		// Applied after the audience exists, counted as it is applied, not stored yet.
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));
		settle();

		assertThat(this.harness.publishedChanges).as("the store misses one of the two orders").isEmpty();
		assertThat(this.store.reads).isGreaterThanOrEqualTo(2);

		this.store.takeAll(this.harness.publishedEvents);
		settle();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.containsExactly(tuple(profileId, "entered", "definition"));

		this.harness.defineAudience(definition("2", """
				{"performed": {"event": "Order Completed", "atLeast": 3, "withinDays": 30}}""", 2));
		settle();
		assertThat(this.harness.publishedChanges.subList(1, 2))
			.extracting(AudienceMembershipChange::change, AudienceMembershipChange::cause)
			.as("two orders, not three: the order counted live is the stored one")
			.containsExactly(tuple("left", "definition"));
	}

	@Test
	void shouldTakeWhatIsStoredWhenTheStoreNeverCatchesUp() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"),
				this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));
		String profileId = this.harness.profileWith("user_id:u-1").profileId();
		this.store.takeAll(this.harness.publishedEvents);
		this.harness.send(this.events.page(Channel.WEB, "user_id:u-1"));
		this.harness.defineAudience(definition("3", REPEAT_BUYERS, 1));

		for (int second = 0; second < 2 * MembershipProcessor.MAX_HISTORY_READS; second++) {
			this.harness.advanceWallClock(Duration.ofSeconds(1));
		}

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change)
			.containsExactly(tuple(profileId, "entered"));
		assertThat(this.harness.meters.get("cdp.audience.history.reads").tag("outcome", "partial").counter().count())
			.isEqualTo(1);
	}

	@Test
	void shouldReadTheSurvivorAgainWhenAProfileNotReadYetIsMergedIntoIt() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));
		String survivor = this.harness.profileWith("user_id:u-1").profileId();
		this.store.takeAll(this.harness.publishedEvents);
		// The store has not taken the phone's order yet: its profile waits.
		this.harness.send(this.events.track("Order Completed", Channel.MOBILE, "anonymous_id:phone-1"));
		String loser = this.harness.profileWith("anonymous_id:phone-1").profileId();
		this.harness.defineAudience(definition("4", REPEAT_BUYERS, 1));
		settle();
		assertThat(this.harness.publishedChanges).isEmpty();

		this.harness.send(this.events.identify(Channel.MOBILE, Map.of(), "anonymous_id:phone-1", "user_id:u-1"));
		assertThat(this.harness.resolve(loser).profileId()).isEqualTo(survivor);
		this.store.takeAll(this.harness.publishedEvents);
		settle();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.as("the survivor's history holds both orders")
			.containsExactly(tuple(survivor, "entered", "definition"));
	}

	@Test
	void shouldLetPeopleEnterByEventOnceTheBackfillOfAnAudienceCreatedBeforeThemEnded() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of("plan", "free"), "email:early@example.com"));
		this.store.takeAll(this.harness.publishedEvents);
		this.harness.defineAudience(definition("5", """
				{"performed": {"event": "Order Completed", "atLeast": 1, "withinDays": 1}}""", 1));
		this.harness.send(this.events.page(Channel.WEB, "user_id:u-1"),
				this.events.identify(Channel.WEB, Map.of(), "anonymous_id:a-1", "email:e-1@example.com"));
		this.store.takeAll(this.harness.publishedEvents);
		settle();
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "anonymous_id:a-1"));
		String buyer = this.harness.profileWith("anonymous_id:a-1").profileId();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change)
			.containsExactly(tuple(buyer, "entered"));
	}

	@Test
	void shouldReadAProfileMadeWhileTheBackfillsReadWasInFlight() {
		this.store.holdReads();
		this.harness.defineAudience(definition("6", """
				{"performed": {"event": "Order Completed", "atLeast": 1, "withinDays": 1}}""", 1));
		// The walk found nobody; its read is in flight when the first person comes.
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "anonymous_id:a-1"));
		String buyer = this.harness.profileWith("anonymous_id:a-1").profileId();
		assertThat(this.harness.publishedChanges).as("not evaluated before its history is read").isEmpty();
		this.store.takeAll(this.harness.publishedEvents);
		this.store.releaseReads();
		settle();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.containsExactly(tuple(buyer, "entered", "definition"));
	}

	@Test
	void shouldEvaluateAPersonFirstSeenAfterTheAudienceArrivedWithoutWaitingForTheBackfill() {
		this.store.holdReads();
		this.harness.defineAudience(definition("7", """
				{"performed": {"event": "Order Completed", "atLeast": 1, "withinDays": 1}}""", 1));
		// Received after the audience reached this instance: every event of the person
		// is counted as it is applied, so there is no history to wait for.
		Instant later = this.harness.wallClock().plusSeconds(5);
		this.harness.send(this.events.builder(EventType.TRACK, Channel.WEB, "anonymous_id:new-1")
			.name("Order Completed")
			.receivedAt(later)
			.build());
		String newcomer = this.harness.profileWith("anonymous_id:new-1").profileId();

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.as("while the backfill's read is still in flight")
			.containsExactly(tuple(newcomer, "entered", "event"));
	}

	/** Lets the backfill start its reads, take them, and read again. */
	private void settle() {
		for (int second = 0; second < 4; second++) {
			this.harness.advanceWallClock(Duration.ofSeconds(1));
		}
	}

	private static AudienceDefinition definition(String id, String condition, long version) {
		return new AudienceDefinition(id, "repeat buyers", ContractJson.mapper().readTree(condition), version, START);
	}

}
