package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.event.Channel;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.cx.CxRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The membership step in a {@link org.apache.kafka.streams.TopologyTestDriver} whose wall
 * clock the test moves: people enter an audience through an event, leave it when time
 * moves a window past their events, leave it when merged into another profile (whose
 * survivor takes their counts), and are evaluated over the whole store when a definition
 * is created, replaced or deleted. The change stream and the compacted current members
 * agree throughout.
 */
class AudienceMembershipTopologyTests {

	/** The first event of {@link TestEvents} happens a second after this. */
	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private static final String BUYERS = """
			{"performed": {"event": "Order Completed", "atLeast": 1, "withinDays": 7}}""";

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness(CxRules.defaults(), START.plusSeconds(60));

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldEnterThroughAnEventAndLeaveWhenTheWindowMovesPastIt() {
		this.harness.defineAudience(definition("1", "buyers", BUYERS, 1));
		this.harness.send(this.events.page(Channel.WEB, "user_id:u-1"));
		String profileId = this.harness.profileWith("user_id:u-1").profileId();
		assertThat(this.harness.publishedChanges).as("a visit is not an order").isEmpty();

		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::changeId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause, AudienceMembershipChange::audienceName)
			.containsExactly(tuple("1:" + profileId + ":1", "entered", "event", "buyers"));
		assertThat(this.harness.publishedChanges.get(0).identifiers()).containsEntry("user_id", List.of("u-1"));
		assertThat(this.harness.currentMembers).containsOnlyKeys(AudienceMember.keyOf("1", profileId));

		this.harness.advanceWallClock(Duration.ofDays(6));
		assertThat(this.harness.publishedChanges).as("the order is in the window until 7 March ends").hasSize(1);

		this.harness.advanceWallClock(Duration.ofDays(1));
		assertThat(this.harness.publishedChanges).hasSize(2);
		AudienceMembershipChange left = this.harness.publishedChanges.get(1);
		assertThat(left.change()).isEqualTo("left");
		assertThat(left.cause()).isEqualTo("time");
		assertThat(left.changeId()).isEqualTo("1:" + profileId + ":2");
		assertThat(left.at()).isAfterOrEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
		assertThat(this.harness.currentMembers).isEmpty();
	}

	@Test
	void shouldLeaveWhenMergedAndLetTheSurvivorEnterWithTheCountsOfBoth() {
		this.harness.defineAudience(definition("2", "repeat-buyers", """
				{"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}""", 1));
		this.harness.defineAudience(definition("3", "buyers", BUYERS, 1));
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));
		String survivor = this.harness.profileWith("user_id:u-1").profileId();
		this.harness.send(this.events.track("Order Completed", Channel.MOBILE, "anonymous_id:phone-1"));
		String loser = this.harness.profileWith("anonymous_id:phone-1").profileId();
		assertThat(this.harness.currentMembers.keySet()).containsExactlyInAnyOrder(AudienceMember.keyOf("3", survivor),
				AudienceMember.keyOf("3", loser));

		this.harness.send(this.events.identify(Channel.MOBILE, Map.of(), "anonymous_id:phone-1", "user_id:u-1"));

		assertThat(this.harness.resolve(loser).profileId()).isEqualTo(survivor);
		assertThat(changesOf(loser)).extracting(AudienceMembershipChange::change, AudienceMembershipChange::cause)
			.containsExactly(tuple("entered", "event"), tuple("left", "merge"));
		assertThat(changesOf(survivor))
			.extracting(AudienceMembershipChange::audienceId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.as("two orders, one on each profile, make a repeat buyer of the survivor")
			.containsExactly(tuple("3", "entered", "event"), tuple("2", "entered", "merge"));
		assertThat(this.harness.currentMembers.keySet()).containsExactlyInAnyOrder(AudienceMember.keyOf("2", survivor),
				AudienceMember.keyOf("3", survivor));
	}

	@Test
	void shouldBackfillEveryProfileWhenADefinitionIsCreatedOrReplaced() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of("plan", "pro"), "user_id:u-1"),
				this.events.identify(Channel.WEB, Map.of("plan", "free"), "user_id:u-2"));
		String pro = this.harness.profileWith("user_id:u-1").profileId();
		String free = this.harness.profileWith("user_id:u-2").profileId();

		this.harness.defineAudience(definition("4", "pro", """
				{"trait": "plan", "op": "eq", "value": "pro"}""", 1));

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.containsExactly(tuple(pro, "entered", "definition"));

		this.harness.defineAudience(definition("4", "free", """
				{"trait": "plan", "op": "eq", "value": "free"}""", 2));

		assertThat(this.harness.publishedChanges.subList(1, 3))
			.extracting(AudienceMembershipChange::profileId, AudienceMembershipChange::change,
					AudienceMembershipChange::cause)
			.containsExactlyInAnyOrder(tuple(pro, "left", "definition"), tuple(free, "entered", "definition"));
		assertThat(this.harness.currentMembers).containsOnlyKeys(AudienceMember.keyOf("4", free));
		assertThat(this.harness.currentMembers.get(AudienceMember.keyOf("4", free)).audienceName()).isEqualTo("free");

		this.harness.defineAudience(definition("4", "free", """
				{"trait": "plan", "op": "eq", "value": "free"}""", 2));
		assertThat(this.harness.publishedChanges).as("the same definition again changes nothing").hasSize(3);
	}

	@Test
	void shouldMakeEveryoneLeaveADeletedAudience() {
		this.harness.defineAudience(definition("5", "web visitors", """
				{"channel": "web", "seenWithinDays": 30}""", 1));
		this.harness.send(this.events.page(Channel.WEB, "user_id:u-1"),
				this.events.page(Channel.WEB, "anonymous_id:a-2"));
		assertThat(this.harness.currentMembers).hasSize(2);

		this.harness.deleteAudience("5");

		assertThat(this.harness.publishedChanges)
			.extracting(AudienceMembershipChange::change, AudienceMembershipChange::cause)
			.containsExactly(tuple("entered", "event"), tuple("entered", "event"), tuple("left", "definition"),
					tuple("left", "definition"));
		assertThat(this.harness.currentMembers).isEmpty();

		this.harness.send(this.events.page(Channel.WEB, "user_id:u-3"));
		assertThat(this.harness.publishedChanges).as("a deleted audience takes no one").hasSize(4);
	}

	@Test
	void shouldCountOnlyWhatAnAudienceNeedsAndEvaluateNothingWithoutAudiences() {
		this.harness.send(this.events.track("Order Completed", Channel.WEB, "user_id:u-1"));

		assertThat(this.harness.publishedChanges).isEmpty();
		assertThat(this.harness.meters.counter("cdp.audience.membership.changes", "change", "entered").count())
			.isZero();
	}

	private List<AudienceMembershipChange> changesOf(String profileId) {
		return this.harness.publishedChanges.stream().filter((change) -> change.profileId().equals(profileId)).toList();
	}

	private static AudienceDefinition definition(String id, String name, String condition, long version) {
		return new AudienceDefinition(id, name, ContractJson.mapper().readTree(condition), version, START);
	}

}
