package io.cdp.profile.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity rules in the topology: limits that keep a shared device or household email
 * from joining two logged-in people, the priority that decides which profile an event
 * belongs to, blocked values that never link, aliases linking in either order, and the
 * merge log that explains both merges and refusals.
 */
class IdentityRulesTopologyTests {

	private final TestEvents events = new TestEvents();

	private TopologyHarness harness = new TopologyHarness(IdentityRules.defaults());

	@AfterEach
	void close() {
		this.harness.close();
	}

	@Test
	void shouldKeepTwoLoggedInPeopleApartWhenTheyShareATablet() {
		CustomerEvent mum = this.events.track("App Opened", Channel.MOBILE, "user_id:mum", "device_id:family-tablet");
		CustomerEvent son = this.events.track("App Opened", Channel.MOBILE, "user_id:son", "device_id:family-tablet");
		CustomerEvent sonAgain = this.events.track("Game Played", Channel.MOBILE, "user_id:son");
		this.harness.send(mum, son, sonAgain);

		ProfileState mumsProfile = this.harness.profileWith("user_id:mum");
		ProfileState sonsProfile = this.harness.profileWith("user_id:son");
		assertThat(mumsProfile.profileId()).isNotEqualTo(sonsProfile.profileId());
		assertThat(mumsProfile.identifiers()).containsOnlyKeys("user_id:mum", "device_id:family-tablet");
		assertThat(sonsProfile.identifiers()).containsOnlyKeys("user_id:son");
		// The son's event belongs to the son, its highest-priority identifier.
		assertThat(this.harness.profileOfEvent(son.messageId()).profileId()).isEqualTo(sonsProfile.profileId());
		assertThat(sonsProfile.eventCount()).isEqualTo(2);
		assertThat(this.harness.publishedMerges).singleElement().satisfies((refusal) -> {
			assertThat(refusal.outcome()).isEqualTo(ProfileMerged.REFUSED);
			assertThat(refusal.causeMessageId()).isEqualTo(son.messageId());
			assertThat(refusal.reason()).startsWith("user_id limit 1");
			assertThat(refusal.identifiers()).containsExactly("device_id:family-tablet");
			assertThat(List.of(refusal.loserId(), refusal.winnerId()))
				.containsExactlyInAnyOrder(mumsProfile.profileId(), sonsProfile.profileId());
		});
		assertThat(this.harness.meters.counter("cdp.identity.links.refused").count()).isEqualTo(1);
	}

	@Test
	void shouldKeepTwoPeopleApartWhenTheyShareAHouseholdEmail() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:anna", "email:home@example.org"),
				this.events.identify(Channel.WEB, Map.of(), "user_id:ben", "email:home@example.org"),
				this.events.track("Email Opened", Channel.EMAIL, "email:home@example.org"));

		assertThat(this.harness.profileWith("user_id:anna").profileId())
			.isNotEqualTo(this.harness.profileWith("user_id:ben").profileId());
		assertThat(this.harness.profileWith("email:home@example.org").profileId())
			.isEqualTo(this.harness.profileWith("user_id:anna").profileId());
	}

	@Test
	void shouldStillJoinAnAnonymousVisitorToTheUserWhoLogsIn() {
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:a-1", "device_id:tablet");
		CustomerEvent login = this.events.identify(Channel.WEB, Map.of(), "user_id:u-1", "anonymous_id:a-1");
		this.harness.send(visit, login);

		ProfileState profile = this.harness.profileWith("user_id:u-1");
		assertThat(profile.identifiers()).containsOnlyKeys("user_id:u-1", "anonymous_id:a-1", "device_id:tablet");
		assertThat(profile.eventCount()).isEqualTo(2);
		assertThat(this.harness.publishedMerges).singleElement()
			.satisfies((merge) -> assertThat(merge.outcome()).isEqualTo(ProfileMerged.MERGED));
	}

	@Test
	void shouldNeverLinkThroughABlockedValue() {
		this.harness.send(
				this.events.track("App Opened", Channel.MOBILE, "user_id:x",
						"device_id:00000000-0000-0000-0000-000000000000"),
				this.events.track("App Opened", Channel.MOBILE, "anonymous_id:a-2",
						"device_id:00000000-0000-0000-0000-000000000000"),
				this.events.identify(Channel.WEB, Map.of(), "anonymous_id:a-3", "email:test@test.com"),
				this.events.identify(Channel.WEB, Map.of(), "anonymous_id:a-4", "email:Test@Test.com"),
				this.events.track("Viewed", Channel.WEB, "anonymous_id:a-5", "device_id:unknown"),
				this.events.track("Viewed", Channel.WEB, "anonymous_id:a-6", "device_id:UNKNOWN"));

		assertThat(this.harness.activeProfiles()).hasSize(6);
		assertThat(this.harness.activeProfiles()).allSatisfy((profile) -> assertThat(profile.identifiers()).hasSize(1));
	}

	@Test
	void shouldRefuseASecondUserIdOnOneEventAndReleaseIt() {
		CustomerEvent both = this.events.identify(Channel.SERVER, Map.of(), "user_id:first", "user_id:second",
				"email:one@example.com");
		this.harness.send(both);

		ProfileState profile = this.harness.profileOfEvent(both.messageId());
		// user_id ranks by value within its type: "first" is kept.
		assertThat(profile.identifiers()).containsOnlyKeys("user_id:first", "email:one@example.com");
		assertThat(this.harness.identifierPointer("user_id:second")).isNull();
		assertThat(this.harness.publishedMerges).singleElement().satisfies((refusal) -> {
			assertThat(refusal.outcome()).isEqualTo(ProfileMerged.REFUSED);
			assertThat(refusal.identifiers()).containsExactly("user_id:second");
		});

		CustomerEvent later = this.events.track("Logged In", Channel.WEB, "user_id:second");
		this.harness.send(later);
		assertThat(this.harness.profileOfEvent(later.messageId()).profileId()).isNotEqualTo(profile.profileId());
	}

	@Test
	void shouldJoinAnAliasChainWhateverOrderItArrivesIn() {
		// a (anonymous) → b → c, the second alias first: b is seen as a previous id
		// before
		// any event carries user id b.
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:a");
		CustomerEvent rename = this.events.alias("b", "c");
		CustomerEvent signup = this.events.alias("a", "b");
		CustomerEvent asB = this.events.track("Ordered", Channel.SERVER, "user_id:b");
		this.harness.send(visit, rename, signup, asB);

		assertThat(this.harness.eventGrouping()).hasSize(1);
		ProfileState profile = this.harness.profileWith("user_id:c");
		assertThat(profile.identifiers()).containsKeys("anonymous_id:a", "anonymous_id:b", "user_id:b", "user_id:c");
		assertThat(profile.eventCount()).isEqualTo(4);
		assertThat(this.harness.publishedMerges)
			.noneSatisfy((decision) -> assertThat(decision.outcome()).isEqualTo(ProfileMerged.REFUSED));
	}

	@Test
	void shouldJoinAnAliasChainInItsNaturalOrderToo() {
		this.harness.send(this.events.page(Channel.WEB, "anonymous_id:a"),
				this.events.track("Ordered", Channel.SERVER, "user_id:b"), this.events.alias("a", "b"),
				this.events.alias("b", "c"), this.events.track("Ordered", Channel.SERVER, "user_id:c"));

		assertThat(this.harness.eventGrouping()).hasSize(1);
		assertThat(this.harness.activeProfiles()).hasSize(1);
	}

	@Test
	void shouldCountOnlyIdentifiersSeenWithinTheWindowOfTheirType() {
		this.harness.close();
		this.harness = new TopologyHarness(
				new IdentityRules(Map.of("device_id", 1), 5, Map.of("device_id", Duration.ofDays(30)),
						IdentityRules.DEFAULT_PRIORITY, Map.of(), true, 100, 1000, 10));
		CustomerEvent oldPhone = this.events.identifyAt(this.events.now().minus(Duration.ofDays(90)), Map.of(),
				"user_id:u-9", "device_id:old-phone");
		CustomerEvent newPhone = this.events.track("App Opened", Channel.MOBILE, "user_id:u-9", "device_id:new-phone");
		CustomerEvent secondPhone = this.events.track("App Opened", Channel.MOBILE, "user_id:u-9",
				"device_id:second-phone");
		this.harness.send(oldPhone, newPhone, secondPhone);

		assertThat(this.harness.profileWith("user_id:u-9").identifiers()).containsOnlyKeys("user_id:u-9",
				"device_id:old-phone", "device_id:new-phone");
	}

	@Test
	void shouldStopLinkingThroughAValueSeenOnMoreProfilesThanTheHubThreshold() {
		this.harness.close();
		this.harness = new TopologyHarness(
				new IdentityRules(Map.of(), 5, Map.of(), IdentityRules.DEFAULT_PRIORITY, Map.of(), true, 100, 1000, 2));
		this.harness.send(this.events.track("Checked In", Channel.MOBILE, "user_id:guest-1", "device_id:kiosk"),
				this.events.track("Checked In", Channel.MOBILE, "user_id:guest-2", "device_id:kiosk"));
		assertThat(this.harness.publishedHubs).isEmpty();

		this.harness.send(this.events.track("Checked In", Channel.MOBILE, "user_id:guest-3", "device_id:kiosk"));
		assertThat(this.harness.publishedHubs).singleElement().satisfies((hub) -> {
			assertThat(hub.identifier()).isEqualTo("device_id:kiosk");
			assertThat(hub.profileIds()).hasSize(3);
		});
		assertThat(this.harness.meters.counter("cdp.identity.hubs").count()).isEqualTo(1);
		int refusals = this.harness.publishedMerges.size();

		// An anonymous visitor would have joined the first guest through the kiosk: now
		// the kiosk links nobody, and nobody is refused for it either.
		CustomerEvent visitor = this.events.track("Checked In", Channel.MOBILE, "anonymous_id:walk-in",
				"device_id:kiosk");
		this.harness.send(visitor);
		ProfileState walkIn = this.harness.profileOfEvent(visitor.messageId());
		assertThat(walkIn.identifiers()).containsOnlyKeys("anonymous_id:walk-in");
		assertThat(this.harness.publishedMerges).hasSize(refusals);
		assertThat(this.harness.publishedEvents)
			.filteredOn((event) -> event.event().messageId().equals(visitor.messageId()))
			.singleElement()
			.satisfies((event) -> assertThat(event.event().identifiers()).extracting(Identifier::key)
				.contains("device_id:kiosk"));
	}

	@Test
	void shouldLetAProfileMergedBeforeTheRulesKeepWhatItHoldsAndStillGrow() {
		CustomerEvent first = this.events.identify(Channel.WEB, Map.of(), "user_id:old-1");
		CustomerEvent second = this.events.identify(Channel.WEB, Map.of(), "user_id:old-2");
		this.harness.send(first, second);
		ProfileState older = this.harness.profileOfEvent(first.messageId());
		ProfileState younger = this.harness.profileOfEvent(second.messageId());
		// What an earlier version, which merged without rules, left in flight.
		this.harness.command(new ProfileCommand.Absorb(older.ref(), younger, second.messageId()));
		assertThat(this.harness.resolve(older.profileId()).identifiers()).containsKeys("user_id:old-1",
				"user_id:old-2");

		CustomerEvent later = this.events.identify(Channel.WEB, Map.of(), "user_id:old-1", "email:old@example.com");
		this.harness.send(later);

		assertThat(this.harness.resolve(older.profileId()).identifiers()).containsOnlyKeys("user_id:old-1",
				"user_id:old-2", "email:old@example.com");
	}

	@Test
	void shouldDecideAnOfferToAProfileThatNeverGetsAStateAfterSomeRetries() {
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:lonely");
		this.harness.send(visit);
		ProfileState loser = this.harness.profileOfEvent(visit.messageId());
		// A winner proposed for an event that never got further (quarantined half way).
		ProfileRef ghost = new ProfileRef("ghost-profile", loser.createdAt().minusSeconds(60));

		this.harness.command(new ProfileCommand.Merge(loser.ref(), ghost, "m-elsewhere",
				new ProfileCommand.Cause("m-elsewhere", loser.createdAt(), null, List.of()), null));

		assertThat(this.harness.published(loser.profileId()).mergedInto()).isEqualTo(ghost);
		assertThat(this.harness.resolve(loser.profileId()).identifiers()).containsOnlyKeys("anonymous_id:lonely");
	}

}
