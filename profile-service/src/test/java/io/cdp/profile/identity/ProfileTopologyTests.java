package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CustomerExperience;
import io.cdp.profile.cx.CustomerExperience.StageEntry;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxRules;
import io.cdp.profile.identity.IdentifierCommand.Lookup;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each step of the identity topology, and whole journeys through it, in a
 * {@link org.apache.kafka.streams.TopologyTestDriver} with the production serdes.
 */
class ProfileTopologyTests {

	private final TestEvents events = new TestEvents();

	private TopologyHarness harness = new TopologyHarness();

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldBuildOneProfileFromWebMobileEmailAndSupportEvents() {
		CustomerEvent firstVisit = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		CustomerEvent secondVisit = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		CustomerEvent login = this.events.identify(Channel.WEB, Map.of("firstName", "Jane", "plan", "pro"),
				"anonymous_id:anon-1", "user_id:u-42", "email:Jane@Example.com");
		CustomerEvent appOpened = this.events.track("Application Opened", Channel.MOBILE, "device_id:dev-9",
				"user_id:u-42");
		CustomerEvent productViewed = this.events.track("Product Viewed", Channel.MOBILE, "device_id:dev-9");
		CustomerEvent emailOpened = this.events.track("Email Opened", Channel.EMAIL, "email:jane@example.com");
		CustomerEvent ticket = this.events.track("Ticket Created", Channel.SUPPORT, "email:JANE@example.com ",
				"phone:+1 (415) 555-0100");
		CustomerEvent stranger = this.events.page(Channel.WEB, "anonymous_id:anon-2");
		CustomerEvent otherReader = this.events.track("Email Opened", Channel.EMAIL, "email:bob@example.com");

		this.harness.send(firstVisit, secondVisit, login, appOpened, productViewed, emailOpened, ticket, stranger,
				otherReader);

		ProfileState jane = this.harness.profileWith("phone:+14155550100");
		assertThat(jane.identifiers()).containsOnlyKeys("anonymous_id:anon-1", "user_id:u-42", "email:jane@example.com",
				"device_id:dev-9", "phone:+14155550100");
		assertThat(jane.profileId()).isEqualTo(this.harness.profileOfEvent(firstVisit.messageId()).profileId());
		assertThat(jane.eventCount()).isEqualTo(7);
		assertThat(jane.eventsByChannel())
			.containsExactlyInAnyOrderEntriesOf(Map.of("web", 3L, "mobile", 2L, "email", 1L, "support", 1L));
		assertThat(jane.eventsByType())
			.containsExactlyInAnyOrderEntriesOf(Map.of("page", 2L, "identify", 1L, "track", 4L));
		assertThat(jane.firstSeen()).isEqualTo(firstVisit.occurredAt());
		assertThat(jane.lastSeen()).isEqualTo(ticket.occurredAt());
		assertThat(jane.traits()).containsOnlyKeys("firstName", "plan");
		assertThat(jane.traits().get("firstName").value()).isEqualTo("Jane");
		assertThat(jane.identifiers().get("email:jane@example.com").sources()).containsExactlyInAnyOrder("source-web",
				"source-email", "source-support");
		for (CustomerEvent event : List.of(firstVisit, secondVisit, login, appOpened, productViewed, emailOpened,
				ticket)) {
			assertThat(this.harness.profileOfEvent(event.messageId()).profileId()).isEqualTo(jane.profileId());
		}
		assertThat(this.harness.profileWith("anonymous_id:anon-2").profileId()).isNotEqualTo(jane.profileId());
		assertThat(this.harness.profileWith("email:bob@example.com").profileId()).isNotEqualTo(jane.profileId());
		assertThat(this.harness.activeProfiles()).hasSize(3);
		CustomerExperience experience = new CxEvaluator(CxRules.defaults()).evaluate(jane.cx(), ticket.occurredAt());
		assertThat(experience.journey().history()).extracting(StageEntry::stage)
			.containsExactly("awareness", "engagement", "evaluation");
		assertThat(experience.journey().history().getFirst().enteredAt()).isEqualTo(firstVisit.occurredAt());
		assertThat(experience.engagement().lastSeen()).containsOnlyKeys("web", "mobile", "email", "support");
		assertThat(experience.engagement().emailsOpened()).isEqualTo(1);
		assertThat(experience.satisfaction().openTickets()).isEqualTo(1);
	}

	@Test
	void shouldSendAnEventWhoseIdentifiersAllBelongToOneProfileStraightToIt() {
		CustomerEvent login = this.events.identify(Channel.WEB, Map.of(), "anonymous_id:anon-1", "user_id:u-42");
		this.harness.send(login);
		String profileId = this.harness.profileOfEvent(login.messageId()).profileId();
		this.harness.sentLookups.clear();

		CustomerEvent again = this.events.track("Product Viewed", Channel.WEB, "user_id:u-42", "anonymous_id:anon-1");
		CustomerEvent newDevice = this.events.track("Application Opened", Channel.MOBILE, "user_id:u-42",
				"device_id:dev-9");
		this.harness.send(again, newDevice);

		// Only the identifier nobody knows yet is looked up.
		assertThat(this.harness.sentLookups).filteredOn(Lookup.class::isInstance)
			.extracting((lookup) -> lookup.identifier().key())
			.containsExactly("device_id:dev-9");
		assertThat(this.harness.profileOfEvent(again.messageId()).profileId()).isEqualTo(profileId);
		assertThat(this.harness.profileOfEvent(newDevice.messageId()).profileId()).isEqualTo(profileId);
		assertThat(this.harness.resolve(profileId).eventCount()).isEqualTo(3);
		assertThat(this.harness.meters.counter("cdp.identity.fast.path").count()).isEqualTo(1);
		assertThat(this.harness.meters.counter("cdp.identity.events").count()).isEqualTo(3);
	}

	@Test
	void shouldMergeTheProfilesOfKnownIdentifiersWithoutLookingThemUp() {
		CustomerEvent older = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		CustomerEvent newer = this.events.track("Email Opened", Channel.EMAIL, "email:jane@example.com");
		this.harness.send(older, newer);
		String olderId = this.harness.profileOfEvent(older.messageId()).profileId();
		String newerId = this.harness.profileOfEvent(newer.messageId()).profileId();
		this.harness.sentLookups.clear();

		CustomerEvent link = this.events.identify(Channel.WEB, Map.of(), "email:jane@example.com",
				"anonymous_id:anon-1");
		this.harness.send(link);

		assertThat(this.harness.sentLookups).filteredOn(Lookup.class::isInstance).isEmpty();
		assertThat(this.harness.resolve(this.harness.profileOfEvent(link.messageId()).profileId()).profileId())
			.isEqualTo(olderId);
		assertThat(this.harness.publishedMerges).containsExactly(new ProfileMerged(newerId, olderId, link.messageId(),
				link.receivedAt(), ProfileMerged.MERGED, null, List.of("anonymous_id:anon-1")));
		assertThat(this.harness.resolve(newerId).eventCount()).isEqualTo(3);
		assertThat(this.harness.identifierPointer("email:jane@example.com").profileId()).isEqualTo(olderId);
	}

	@Test
	void shouldSendAnEventToItsProfileSurvivorWhenTheFastPathNamesAMergedProfile() {
		CustomerEvent older = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		CustomerEvent newer = this.events.track("Email Opened", Channel.EMAIL, "email:jane@example.com");
		this.harness.send(older, newer);
		String olderId = this.harness.profileOfEvent(older.messageId()).profileId();
		String newerId = this.harness.profileOfEvent(newer.messageId()).profileId();
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "anonymous_id:anon-1", "email:jane@example.com"));
		assertThat(this.harness.published(newerId).mergedInto().profileId()).isEqualTo(olderId);

		// What the gather step sends when its global store still names the merged
		// profile.
		ProfileRef stale = new ProfileRef(newerId, newer.receivedAt());
		CustomerEvent late = this.events.track("Email Clicked", Channel.EMAIL, "email:jane@example.com");
		this.harness
			.command(new Apply(stale, late, List.of(new Resolved(Identifier.of("email", "jane@example.com"), stale))));

		assertThat(this.harness.profileOfEvent(late.messageId()).profileId()).isEqualTo(olderId);
		ProfileState survivor = this.harness.resolve(newerId);
		assertThat(survivor.profileId()).isEqualTo(olderId);
		assertThat(survivor.eventCount()).isEqualTo(4);
	}

	@Test
	void shouldMergeTwoProfilesIntoTheOlderOneWhenAnEventLinksThem() {
		CustomerEvent older = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		CustomerEvent newer = this.events.track("Email Opened", Channel.EMAIL, "email:jane@example.com");
		this.harness.send(older, newer);
		String olderId = this.harness.profileOfEvent(older.messageId()).profileId();
		String newerId = this.harness.profileOfEvent(newer.messageId()).profileId();
		assertThat(olderId).isNotEqualTo(newerId);

		CustomerEvent link = this.events.identify(Channel.WEB, Map.of(), "anonymous_id:anon-1",
				"email:jane@example.com");
		this.harness.send(link);

		assertThat(this.harness.publishedMerges).containsExactly(new ProfileMerged(newerId, olderId, link.messageId(),
				link.receivedAt(), ProfileMerged.MERGED, null, List.of("anonymous_id:anon-1")));
		assertThat(this.harness.published(newerId).mergedInto().profileId()).isEqualTo(olderId);
		ProfileState survivor = this.harness.resolve(newerId);
		assertThat(survivor.profileId()).isEqualTo(olderId);
		assertThat(survivor.eventCount()).isEqualTo(3);
		assertThat(survivor.mergedProfileIds()).containsExactly(newerId);
		assertThat(this.harness.identifierPointer("email:jane@example.com").profileId()).isEqualTo(olderId);
		assertThat(this.harness.meters.counter("cdp.identity.merges").count()).isEqualTo(1);
		assertThat(this.harness.meters.counter("cdp.identity.events").count()).isEqualTo(3);
		// The handshake queues with the profiles' other commands, behind the event's own
		// command and the merge it caused: a profile gets its commands in causal order.
		assertThat(this.harness.sentCommands.stream()
			.filter((command) -> !(command instanceof Apply apply)
					|| apply.event().messageId().equals(link.messageId()))
			.map((command) -> (command instanceof Apply) ? "Apply"
					: command.getClass().getSimpleName() + " " + command.target().profileId()))
			.containsSubsequence("Apply", "Merge " + newerId, "Offer " + olderId, "Accepted " + newerId);
	}

	@Test
	void shouldKeepTheOlderProfileWhenAnAliasJoinsAnAnonymousVisitorToAKnownUser() {
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:anon-7");
		CustomerEvent signup = this.events.identify(Channel.SERVER, Map.of("plan", "free"), "user_id:u-7");
		this.harness.send(visit, signup);
		String visitorId = this.harness.profileOfEvent(visit.messageId()).profileId();

		CustomerEvent alias = this.events.alias("anon-7", "u-7");
		this.harness.send(alias);

		ProfileState survivor = this.harness.profileWith("user_id:u-7");
		assertThat(survivor.profileId()).isEqualTo(visitorId);
		assertThat(survivor.identifiers()).containsOnlyKeys("anonymous_id:anon-7", "user_id:u-7");
		assertThat(survivor.eventCount()).isEqualTo(3);
		assertThat(this.harness.publishedMerges).singleElement()
			.satisfies((merge) -> assertThat(merge.winnerId()).isEqualTo(visitorId));
	}

	@Test
	void shouldKeepTheOlderProfileWhenAnAliasJoinsANewVisitorToAnOlderUser() {
		CustomerEvent signup = this.events.identify(Channel.SERVER, Map.of("plan", "free"), "user_id:u-8");
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:anon-8");
		this.harness.send(signup, visit);
		String userProfileId = this.harness.profileOfEvent(signup.messageId()).profileId();

		this.harness.send(this.events.alias("anon-8", "u-8"));

		assertThat(this.harness.profileWith("anonymous_id:anon-8").profileId()).isEqualTo(userProfileId);
		assertThat(this.harness.activeProfiles()).hasSize(1);
	}

	@Test
	void shouldLinkARenamedUserIdWhenTheAliasNamesTheOldUserId() {
		CustomerEvent before = this.events.track("Order Completed", Channel.SERVER, "user_id:old-9");
		this.harness.send(before);

		this.harness.send(this.events.alias("old-9", "new-9"));

		assertThat(this.harness.profileWith("user_id:new-9").profileId())
			.isEqualTo(this.harness.profileOfEvent(before.messageId()).profileId());
	}

	@Test
	void shouldNotMergePeopleWhoJoinTheSameGroup() {
		this.harness.send(this.events.group("acme", "user_id:ann"), this.events.group("acme", "user_id:ben"));

		assertThat(this.harness.identifierGrouping()).containsExactlyInAnyOrder(Set.of("user_id:ann"),
				Set.of("user_id:ben"));
	}

	@Test
	void shouldGroupTheSameWayWhateverOrderTheEventsArriveIn() {
		List<CustomerEvent> journey = List.of(this.events.page(Channel.WEB, "anonymous_id:a1"),
				this.events.track("Email Opened", Channel.EMAIL, "email:x@example.com"),
				this.events.track("App Opened", Channel.MOBILE, "device_id:d1"),
				this.events.identify(Channel.WEB, Map.of("name", "X"), "anonymous_id:a1", "user_id:x"),
				this.events.track("App Opened", Channel.MOBILE, "device_id:d1", "user_id:x"),
				this.events.track("Ticket Created", Channel.SUPPORT, "email:x@example.com", "phone:+14155550111"),
				this.events.track("Ticket Solved", Channel.SUPPORT, "phone:+14155550111", "user_id:x"),
				this.events.page(Channel.WEB, "anonymous_id:other"));
		this.harness.send(journey.toArray(CustomerEvent[]::new));
		Set<Set<String>> inOrder = this.harness.eventGrouping();
		Set<Set<String>> identifiersInOrder = this.harness.identifierGrouping();
		assertThat(inOrder).hasSize(2);

		Random random = new Random(42);
		for (int round = 0; round < 5; round++) {
			List<CustomerEvent> shuffled = new ArrayList<>(journey);
			Collections.shuffle(shuffled, random);
			this.harness.close();
			this.harness = new TopologyHarness();
			this.harness.send(shuffled.toArray(CustomerEvent[]::new));
			assertThat(this.harness.eventGrouping())
				.as("order %s", shuffled.stream().map(CustomerEvent::messageId).toList())
				.isEqualTo(inOrder);
			assertThat(this.harness.identifierGrouping()).isEqualTo(identifiersInOrder);
			this.harness.activeProfiles()
				.forEach((profile) -> assertThat(profile.eventCount()).isEqualTo(this.harness.eventGrouping()
					.stream()
					.filter((group) -> group.stream()
						.anyMatch((id) -> this.harness.profileOfEvent(id).profileId().equals(profile.profileId())))
					.findFirst()
					.orElseThrow()
					.size()));
		}
	}

	@Test
	void shouldKeepTheNewestTraitWhenAnOlderEventArrivesLater() {
		Instant earlier = this.events.now();
		CustomerEvent recent = this.events.identifyAt(earlier.plus(Duration.ofHours(1)), Map.of("firstName", "Jane"),
				"user_id:u-1");
		CustomerEvent stale = this.events.identifyAt(earlier, Map.of("firstName", "J", "city", "Oslo"), "user_id:u-1");

		this.harness.send(recent, stale);

		ProfileState profile = this.harness.profileWith("user_id:u-1");
		assertThat(profile.traits().get("firstName").value()).isEqualTo("Jane");
		assertThat(profile.traits().get("firstName").occurredAt()).isEqualTo(recent.occurredAt());
		assertThat(profile.traits().get("firstName").messageId()).isEqualTo(recent.messageId());
		assertThat(profile.traits().get("city").value()).isEqualTo("Oslo");
		assertThat(profile.eventCount()).isEqualTo(2);
	}

	@Test
	void shouldCountAnEventOnceWhenItsMessageIdArrivesAgain() {
		CustomerEvent purchase = this.events.track("Order Completed", Channel.WEB, "user_id:u-1", "email:a@b.example");
		this.harness.send(purchase, purchase);
		this.harness.send(purchase);

		ProfileState profile = this.harness.profileWith("user_id:u-1");
		assertThat(profile.eventCount()).isEqualTo(1);
		assertThat(this.harness.publishedEvents).hasSize(1);
		assertThat(this.harness.sentLookups).hasSize(2);
	}

	@Test
	void shouldForgetMessageIdsOnlyAfterTheDedupeWindow() {
		this.harness.close();
		this.harness = new TopologyHarness(NormalizationRules.defaults(), Duration.ofHours(1));
		CustomerEvent purchase = this.events.track("Order Completed", Channel.WEB, "user_id:u-1");
		CustomerEvent retried = TestEvents.redelivered(purchase, purchase.receivedAt().plus(Duration.ofMinutes(30)));
		CustomerEvent beyondWindow = TestEvents.redelivered(purchase, purchase.receivedAt().plus(Duration.ofHours(5)));

		this.harness.send(purchase, retried, beyondWindow);

		assertThat(this.harness.profileWith("user_id:u-1").eventCount()).isEqualTo(2);
	}

	@Test
	void shouldNormaliseIdentifiersBeforeLookingThemUp() {
		this.harness.send(this.events.track("A", Channel.EMAIL, "email: Jane@Example.COM "),
				this.events.track("B", Channel.SUPPORT, "email:jane@example.com"));

		assertThat(this.harness.identifierGrouping()).containsExactly(Set.of("email:jane@example.com"));
		assertThat(this.harness.sentLookups).extracting(IdentifierCommand::identifier)
			.containsOnly(Identifier.parse("email:jane@example.com"));
	}

	@Test
	void shouldSendOneLookupPerIdentifierAndPointEachIdentifierAtTheProfile() {
		CustomerEvent login = this.events.identify(Channel.WEB, Map.of(), "anonymous_id:a", "user_id:u",
				"email:u@example.com");
		this.harness.send(login);

		assertThat(this.harness.sentLookups).hasSize(3)
			.allSatisfy((command) -> assertThat(command).isInstanceOf(Lookup.class));
		String profileId = this.harness.profileOfEvent(login.messageId()).profileId();
		for (String identifier : List.of("anonymous_id:a", "user_id:u", "email:u@example.com")) {
			assertThat(this.harness.identifierPointer(identifier).profileId()).isEqualTo(profileId);
		}
	}

	@Test
	void shouldForwardAnEventThatReachesAMergedProfileToTheSurvivor() {
		CustomerEvent older = this.events.page(Channel.WEB, "anonymous_id:old");
		CustomerEvent newer = this.events.page(Channel.WEB, "anonymous_id:new");
		this.harness.send(older, newer);
		ProfileState loser = this.harness.profileOfEvent(newer.messageId());
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "anonymous_id:old", "anonymous_id:new"));
		String survivorId = this.harness.resolve(loser.profileId()).profileId();

		CustomerEvent late = this.events.track("Late", Channel.WEB, "device_id:late");
		this.harness.command(
				new Apply(loser.ref(), late, List.of(new Resolved(Identifier.parse("device_id:late"), loser.ref()))));

		assertThat(this.harness.profileOfEvent(late.messageId()).profileId()).isEqualTo(survivorId);
		assertThat(this.harness.resolve(survivorId).eventCount()).isEqualTo(4);
	}

	@Test
	void shouldQuarantineAnEventWithoutAUsableIdentifier() {
		CustomerEvent junk = this.events.track("Clicked", Channel.WEB, "anonymous_id:undefined", "email:null");
		this.harness.send(junk);

		assertThat(this.harness.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.gather");
			assertThat(record.reason()).isEqualTo("no-identifier");
			assertThat(record.error()).contains("no usable identifier");
			assertThat(record.messageId()).isEqualTo(junk.messageId());
			assertThat(record.topic()).isEqualTo(this.harness.topics.platform().events().name());
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(junk.messageId());
		});
		assertThat(this.harness.activeProfiles()).isEmpty();
		assertThat(this.harness.meters.counter("cdp.quarantine", "stage", "identity.gather", "reason", "no-identifier")
			.count()).isEqualTo(1);
	}

}
