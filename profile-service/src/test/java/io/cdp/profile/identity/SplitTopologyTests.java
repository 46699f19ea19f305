package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import io.cdp.profile.identity.ProfileCommand.Split;
import io.cdp.profile.split.SplitPlanner;
import io.cdp.profile.split.SplitPlanner.PlannedGroup;
import io.cdp.profile.split.SplitPlanner.SplitPlan;
import io.cdp.profile.split.SplitPlanner.SplitRequest;
import io.cdp.profile.split.SplitPlanner.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splits in the topology: two guests who used one tablet were merged through its device
 * id (anonymous ids alone break no limit); detaching the device id splits them back, each
 * with their own history and identifiers, the merged-away id follows its history, the
 * device id links nobody any more, and events that looked their identifiers up before the
 * split still land on the right person.
 */
class SplitTopologyTests {

	private static final String TABLET = "device_id:family-tablet";

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness(IdentityRules.defaults());

	private CustomerEvent firstVisit;

	private CustomerEvent secondGuest;

	@BeforeEach
	void twoGuestsMergedThroughATablet() {
		this.firstVisit = this.events.page(Channel.MOBILE, "anonymous_id:guest-1", TABLET);
		// The second guest has a profile of their own until they use the tablet.
		this.secondGuest = this.events.page(Channel.WEB, "anonymous_id:guest-2");
		this.harness.send(this.firstVisit, this.secondGuest,
				this.events.track("Game Played", Channel.MOBILE, "anonymous_id:guest-1"),
				this.events.track("Song Played", Channel.MOBILE, "anonymous_id:guest-2", TABLET));
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		assertThat(merged.identifiers()).containsOnlyKeys("anonymous_id:guest-1", "anonymous_id:guest-2", TABLET);
		assertThat(merged.eventCount()).isEqualTo(4);
	}

	@AfterEach
	void close() {
		this.harness.close();
	}

	@Test
	void shouldSplitTheProfileIntoThePeopleItsHistoryShows() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		String guestTwosOwnId = this.harness.publishedEvents.stream()
			.filter((published) -> published.event().messageId().equals(this.secondGuest.messageId()))
			.findFirst()
			.orElseThrow()
			.profileId();
		assertThat(merged.mergedProfileIds()).contains(guestTwosOwnId);

		SplitPlan plan = plan(merged, Set.of(TABLET));
		this.harness.command(split(merged, plan, merged.version()));

		ProfileState first = this.harness.profileWith("anonymous_id:guest-1");
		ProfileState second = this.harness.profileWith("anonymous_id:guest-2");
		assertThat(first.profileId()).as("the profile keeps the group that created it").isEqualTo(merged.profileId());
		assertThat(first.identifiers()).containsOnlyKeys("anonymous_id:guest-1");
		assertThat(second.identifiers()).containsOnlyKeys("anonymous_id:guest-2");
		assertThat(first.eventCount()).isEqualTo(2);
		assertThat(second.eventCount()).isEqualTo(2);
		assertThat(first.version()).isEqualTo(merged.version() + 1);
		assertThat(second.ref().isOlderThan(first.ref())).isTrue();
		assertThat(second.mergedProfileIds()).containsExactly(guestTwosOwnId);
		assertThat(first.mergedProfileIds()).doesNotContain(guestTwosOwnId);
		assertThat(this.harness.published(guestTwosOwnId).mergedInto()).isEqualTo(second.ref());

		assertThat(this.harness.identifierPointer("anonymous_id:guest-2")).isEqualTo(second.ref());
		assertThat(this.harness.identifierPointer("anonymous_id:guest-1")).isEqualTo(first.ref());
		assertThat(this.harness.identifierPointer(TABLET)).isNull();
		assertThat(this.harness.publishedHubs).singleElement().satisfies((hub) -> {
			assertThat(hub.identifier()).isEqualTo(TABLET);
			assertThat(hub.reason()).startsWith(HubIdentifier.DETACHED);
		});
		assertThat(this.harness.publishedMerges.stream().filter((log) -> ProfileMerged.SPLIT.equals(log.outcome())))
			.extracting(ProfileMerged::loserId)
			.containsExactlyInAnyOrder(first.profileId(), second.profileId());
		assertThat(this.harness.meters.counter("cdp.identity.splits").count()).isEqualTo(1);
	}

	@Test
	void shouldSendLaterEventsToThePersonTheyBelongTo() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		this.harness.command(split(merged, plan(merged, Set.of(TABLET)), merged.version()));
		String first = this.harness.profileWith("anonymous_id:guest-1").profileId();
		String second = this.harness.profileWith("anonymous_id:guest-2").profileId();

		CustomerEvent firstAgain = this.events.track("Game Played", Channel.MOBILE, "anonymous_id:guest-1", TABLET);
		CustomerEvent secondAgain = this.events.track("Song Played", Channel.MOBILE, "anonymous_id:guest-2", TABLET);
		this.harness.send(firstAgain, secondAgain);

		assertThat(this.harness.profileOfEvent(firstAgain.messageId()).profileId()).isEqualTo(first);
		assertThat(this.harness.profileOfEvent(secondAgain.messageId()).profileId()).isEqualTo(second);
		assertThat(this.harness.profileWith("anonymous_id:guest-2").identifiers())
			.as("the detached device id links nobody")
			.containsOnlyKeys("anonymous_id:guest-2");
		assertThat(this.harness.activeProfiles()).noneMatch((profile) -> profile.identifiers().containsKey(TABLET));
	}

	@Test
	void shouldSendAnEventThatLookedUpItsIdentifiersBeforeTheSplitWhereTheyWent() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		this.harness.command(split(merged, plan(merged, Set.of(TABLET)), merged.version()));
		ProfileState second = this.harness.profileWith("anonymous_id:guest-2");

		// Looked up before the split: both identifiers still answered with the old
		// profile.
		CustomerEvent late = this.events.track("Song Played", Channel.MOBILE, "anonymous_id:guest-2", TABLET);
		this.harness.command(new Apply(merged.ref(), late,
				List.of(new Resolved(Identifier.parse("anonymous_id:guest-2"), merged.ref()),
						new Resolved(Identifier.parse(TABLET), merged.ref()))));

		assertThat(this.harness.profileOfEvent(late.messageId()).profileId()).isEqualTo(second.profileId());
		assertThat(this.harness.profileWith("anonymous_id:guest-2").eventCount()).isEqualTo(3);
		assertThat(this.harness.profileWith("anonymous_id:guest-1").identifiers())
			.containsOnlyKeys("anonymous_id:guest-1");
		assertThat(this.harness.activeProfiles()).noneMatch((profile) -> profile.identifiers().containsKey(TABLET));
	}

	@Test
	void shouldQuarantineAnUnreadableLedgerAndGoOnResolving() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		this.harness.command(split(merged, plan(merged, Set.of(TABLET)), merged.version()));
		this.harness.corruptStore(ProfileProcessor.LEDGER_STORE, merged.profileId(),
				new byte[] { '{', 'n', 'o', 't', (byte) 0xff, 0 });

		// Looked up before the split: the ledger is needed, and cannot be read.
		CustomerEvent late = this.events.track("Song Played", Channel.MOBILE, "anonymous_id:guest-2");
		this.harness.command(new Apply(merged.ref(), late,
				List.of(new Resolved(Identifier.parse("anonymous_id:guest-2"), merged.ref()))));
		CustomerEvent next = this.events.track("Game Played", Channel.MOBILE, "anonymous_id:guest-1");
		this.harness.send(next);

		assertThat(this.harness.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.profile");
			assertThat(record.reason()).isEqualTo("unreadable-state");
			assertThat(record.topic()).endsWith("profile-splits-changelog");
		});
		// The late event is kept (on the split profile, as without a split); the next one
		// is resolved as usual.
		assertThat(this.harness.profileOfEvent(late.messageId()).profileId()).isEqualTo(merged.profileId());
		assertThat(this.harness.profileOfEvent(next.messageId()).profileId()).isEqualTo(merged.profileId());
	}

	@Test
	void shouldRefuseASplitPlannedFromAnOlderVersionAndChangeNothing() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		SplitPlan plan = plan(merged, Set.of(TABLET));
		// An event arrives between the plan and the split.
		this.harness.send(this.events.track("Game Played", Channel.MOBILE, "anonymous_id:guest-1"));
		this.harness.command(split(merged, plan, merged.version()));

		assertThat(this.harness.profileWith("anonymous_id:guest-2").profileId()).isEqualTo(merged.profileId());
		assertThat(this.harness.profileWith("anonymous_id:guest-1").identifiers())
			.containsOnlyKeys("anonymous_id:guest-1", "anonymous_id:guest-2", TABLET);
		assertThat(this.harness.publishedMerges).filteredOn((log) -> log.outcome().startsWith("split"))
			.singleElement()
			.satisfies((refusal) -> {
				assertThat(refusal.outcome()).isEqualTo(ProfileMerged.SPLIT_REFUSED);
				assertThat(refusal.reason()).contains("changed after the split was planned");
			});
		assertThat(this.harness.identifierPointer(TABLET)).isNotNull();
	}

	@Test
	void shouldReapplyTheRulesWithoutDetachingAnything() {
		ProfileState merged = this.harness.profileWith("anonymous_id:guest-1");
		SplitPlan plan = plan(merged, Set.of());
		assertThat(plan.groups()).as("under the rules as they are, the tablet still joins the two").hasSize(1);
		this.harness.command(split(merged, plan, merged.version()));

		ProfileState after = this.harness.profileWith("anonymous_id:guest-1");
		assertThat(after.profileId()).isEqualTo(merged.profileId());
		assertThat(after.identifiers()).containsOnlyKeys(merged.identifiers().keySet());
		// Rebuilt from the events: each identifier as every event showed it.
		assertThat(after.identifiers().get("anonymous_id:guest-2").sources()).containsExactlyInAnyOrder("source-web",
				"source-mobile");
		assertThat(after.eventCount()).isEqualTo(merged.eventCount());
		assertThat(this.harness.publishedHubs).isEmpty();
	}

	private SplitPlan plan(ProfileState profile, Set<String> detached) {
		List<StoredEvent> history = new ArrayList<>();
		Map<String, ProfileEvent> byMessage = new LinkedHashMap<>();
		for (ProfileEvent published : this.harness.publishedEvents) {
			byMessage.put(published.event().messageId(), published);
		}
		Set<String> ids = new java.util.HashSet<>(profile.mergedProfileIds());
		ids.add(profile.profileId());
		byMessage.values()
			.stream()
			.filter((published) -> ids.contains(published.profileId()))
			.forEach((published) -> history.add(new StoredEvent(published.profileId(), published.event())));
		return new SplitPlanner(IdentityRules.defaults()).plan(new SplitRequest("split-1", profile.ref(),
				profile.mergedProfileIds(), profile.identifiers().keySet(), detached::contains, history));
	}

	private Split split(ProfileState profile, SplitPlan plan, long version) {
		List<Redirect> redirects = new ArrayList<>();
		plan.homes()
			.forEach((merged, to) -> redirects.add(new Redirect(this.harness.published(merged).ref(), to, "split-1")));
		return new Split(profile.ref(), "split-1", version, "detach " + TABLET,
				plan.groups().stream().map(PlannedGroup::state).toList(), redirects,
				plan.dropped().stream().filter((key) -> key.equals(TABLET)).toList(), plan.dropped());
	}

}
