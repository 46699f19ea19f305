package io.cdp.profile.split;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.profile.identity.IdentityRules;
import io.cdp.profile.split.SplitPlanner.MovedEvent;
import io.cdp.profile.split.SplitPlanner.PlannedGroup;
import io.cdp.profile.split.SplitPlanner.SplitPlan;
import io.cdp.profile.split.SplitPlanner.SplitRequest;
import io.cdp.profile.split.SplitPlanner.StoredEvent;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a profile's history is re-resolved when it splits, under the default identity
 * rules: two guests merged through a shared tablet come apart when the tablet stops
 * linking, the profile keeps the group that created it and the others become older
 * profiles with ids derived from the split, each group holds only its own identifiers and
 * events, merged ids follow their history, events that link nobody stay with the profile,
 * aliases keep a renamed person whole, identifiers the profile was refused stay refused,
 * two logged-in people merged before the rules existed come apart, and a generated
 * household splits back into exactly the people it was made of.
 */
class SplitPlannerTests {

	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private static final String SURVIVOR_ID = "profile-1";

	/** The profile to split, created when its first event (m1) was received. */
	private static final ProfileRef SURVIVOR = new ProfileRef(SURVIVOR_ID, at(2));

	private static final String SECOND_GUESTS_OWN_ID = "profile-2";

	private static final String TABLET = "device_id:family-tablet";

	private static final String GUEST_1 = "anonymous_id:guest-1";

	private static final String GUEST_2 = "anonymous_id:guest-2";

	private static final Predicate<String> NOTHING = (key) -> false;

	private final SplitPlanner planner = new SplitPlanner(IdentityRules.defaults());

	@Test
	void shouldSplitTwoGuestsMergedThroughATabletWhenTheTabletStopsLinking() {
		SplitPlan plan = plan("split-1", Set.of(SECOND_GUESTS_OWN_ID), Set.of(GUEST_1, GUEST_2, TABLET), TABLET::equals,
				twoGuests());

		assertThat(plan.groups()).hasSize(2);
		PlannedGroup kept = plan.groups().get(0);
		PlannedGroup other = plan.groups().get(1);
		assertThat(kept.state().ref()).as("the group with the creating event keeps the profile").isEqualTo(SURVIVOR);
		assertThat(kept.messageIds()).containsExactly("m1", "m3");
		assertThat(kept.state().identifiers()).containsOnlyKeys(GUEST_1);
		assertThat(kept.state().eventCount()).isEqualTo(2);
		assertThat(kept.state().firstSeen()).isEqualTo(at(2));
		assertThat(kept.state().lastSeen()).isEqualTo(at(3));

		assertThat(other.messageIds()).containsExactly("m2", "m4", "m5");
		assertThat(other.state().identifiers()).containsOnlyKeys(GUEST_2);
		IdentifierRecord guest2 = other.state().identifiers().get(GUEST_2);
		assertThat(guest2.firstSeen()).isEqualTo(at(1));
		assertThat(guest2.lastSeen()).isEqualTo(at(7));
		assertThat(other.state().eventCount()).isEqualTo(3);
		assertThat(other.state().firstSeen()).isEqualTo(at(1));
		assertThat(other.state().lastSeen()).isEqualTo(at(7));
		assertThat(plan.dropped()).containsExactly(TABLET);

		ProfileRef second = other.state().ref();
		assertThat(second.profileId()).isNotEqualTo(SURVIVOR_ID);
		assertThat(second.isOlderThan(SURVIVOR)).isTrue();
		assertThat(second.createdAt()).isEqualTo(SURVIVOR.createdAt().minusMillis(1));
		SplitPlan again = plan("split-1", Set.of(SECOND_GUESTS_OWN_ID), Set.of(GUEST_1, GUEST_2, TABLET),
				TABLET::equals, twoGuests());
		assertThat(again.groups()).extracting((group) -> group.state().ref()).containsExactly(SURVIVOR, second);
		SplitPlan another = plan("split-2", Set.of(SECOND_GUESTS_OWN_ID), Set.of(GUEST_1, GUEST_2, TABLET),
				TABLET::equals, twoGuests());
		assertThat(another.groups()).hasSize(2);
		assertThat(another.groups().get(0).state().profileId()).isEqualTo(SURVIVOR_ID);
		assertThat(another.groups().get(1).state().profileId()).isNotEqualTo(second.profileId())
			.isNotEqualTo(SURVIVOR_ID);
	}

	@Test
	void shouldKeepOneProfileWhenNothingStopsLinkingAndNoRuleIsBroken() {
		SplitPlan plan = plan("split-1", Set.of(SECOND_GUESTS_OWN_ID), Set.of(GUEST_1, GUEST_2, TABLET), NOTHING,
				twoGuests());

		assertThat(plan.groups()).singleElement().satisfies((group) -> {
			assertThat(group.state().ref()).isEqualTo(SURVIVOR);
			assertThat(group.messageIds()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
			assertThat(group.state().identifiers()).containsOnlyKeys(GUEST_1, GUEST_2, TABLET);
			assertThat(group.state().eventCount()).isEqualTo(5);
			assertThat(group.state().firstSeen()).isEqualTo(at(1));
			assertThat(group.state().lastSeen()).isEqualTo(at(7));
			assertThat(group.state().mergedProfileIds()).containsExactly(SECOND_GUESTS_OWN_ID);
		});
		assertThat(plan.dropped()).isEmpty();
		assertThat(plan.moved()).isEmpty();
		assertThat(plan.redirects()).isEmpty();
	}

	@Test
	void shouldSplitTwoLoggedInPeopleMergedBeforeTheRulesWhenOneLoggedInBeforeUsingTheSharedDevice() {
		List<StoredEvent> history = List.of(
				stored(SURVIVOR_ID, event("e1", EventType.IDENTIFY, 1, 1, "user_id:ann", "device_id:t")),
				stored(SURVIVOR_ID, event("e2", EventType.IDENTIFY, 2, 2, "user_id:ben")),
				stored(SURVIVOR_ID, event("e3", EventType.TRACK, 3, 3, "user_id:ann")),
				stored(SURVIVOR_ID, event("e4", EventType.TRACK, 4, 4, "user_id:ben", "device_id:t")),
				stored(SURVIVOR_ID, event("e5", EventType.TRACK, 5, 5, "user_id:ann", "device_id:t")));
		ProfileRef survivor = new ProfileRef(SURVIVOR_ID, at(1));

		SplitPlan plan = this.planner.plan(new SplitRequest("split-1", survivor, Set.of(),
				Set.of("user_id:ann", "user_id:ben", "device_id:t"), NOTHING, history));

		assertThat(plan.groups()).hasSize(2);
		assertThat(plan.groups().get(0).state().ref()).isEqualTo(survivor);
		assertThat(plan.groups().get(0).messageIds()).containsExactly("e1", "e3", "e5");
		assertThat(plan.groups().get(0).state().identifiers()).as("the device stays with whoever came first")
			.containsOnlyKeys("user_id:ann", "device_id:t");
		assertThat(plan.groups().get(1).messageIds()).containsExactly("e2", "e4");
		assertThat(plan.groups().get(1).state().identifiers()).containsOnlyKeys("user_id:ben");
		assertThat(plan.dropped()).isEmpty();
		assertThat(plan.moved()).extracting(MovedEvent::messageId).containsExactly("e2", "e4");
	}

	@Test
	void shouldSplitTwoLoggedInPeopleMergedBeforeTheRulesWhoseFirstEventsBothCarryTheSharedDevice() {
		List<StoredEvent> history = List.of(
				stored(SURVIVOR_ID, event("e1", EventType.IDENTIFY, 1, 1, "user_id:ann", "device_id:t")),
				stored(SURVIVOR_ID, event("e2", EventType.TRACK, 2, 2, "user_id:ann")),
				stored(SURVIVOR_ID, event("e3", EventType.IDENTIFY, 3, 3, "user_id:ben", "device_id:t")),
				stored(SURVIVOR_ID, event("e4", EventType.TRACK, 4, 4, "user_id:ben", "device_id:t")),
				stored(SURVIVOR_ID, event("e5", EventType.TRACK, 5, 5, "user_id:ben")));
		ProfileRef survivor = new ProfileRef(SURVIVOR_ID, at(1));

		SplitPlan plan = this.planner.plan(new SplitRequest("split-1", survivor, Set.of(),
				Set.of("user_id:ann", "user_id:ben", "device_id:t"), NOTHING, history));

		assertThat(plan.groups()).hasSize(2);
		assertThat(plan.groups().get(0).state().ref()).isEqualTo(survivor);
		assertThat(plan.groups().get(0).messageIds()).containsExactly("e1", "e2");
		assertThat(plan.groups().get(0).state().identifiers()).as("the device stays with whoever came first")
			.containsOnlyKeys("user_id:ann", "device_id:t");
		assertThat(plan.groups().get(1).messageIds()).containsExactly("e3", "e4", "e5");
		assertThat(plan.groups().get(1).state().identifiers()).containsOnlyKeys("user_id:ben");
		assertThat(plan.dropped()).isEmpty();
	}

	@Test
	void shouldSendMergedIdsWithTheirHistoryAndMoveOnlyTheRowsOfOtherIds() {
		List<StoredEvent> history = new ArrayList<>(twoGuests());
		// The first guest's phone had a profile of its own until both ids met.
		history.add(stored("profile-3", event("m6", EventType.PAGE, 4, 4, "anonymous_id:guest-1-phone")));
		history.add(stored(SURVIVOR_ID, event("m7", EventType.TRACK, 8, 8, GUEST_1, "anonymous_id:guest-1-phone")));

		SplitPlan plan = plan("split-1", Set.of(SECOND_GUESTS_OWN_ID, "profile-3", "profile-4"),
				Set.of(GUEST_1, GUEST_2, "anonymous_id:guest-1-phone", TABLET), TABLET::equals, history);

		assertThat(plan.groups()).hasSize(2);
		PlannedGroup kept = plan.groups().get(0);
		PlannedGroup other = plan.groups().get(1);
		ProfileRef second = other.state().ref();
		assertThat(kept.messageIds()).containsExactly("m1", "m3", "m6", "m7");
		assertThat(kept.state().identifiers()).containsOnlyKeys(GUEST_1, "anonymous_id:guest-1-phone");
		assertThat(kept.state().mergedProfileIds()).as("ids whose history stays, and one without any")
			.containsExactlyInAnyOrder("profile-3", "profile-4");
		assertThat(other.state().mergedProfileIds()).containsExactly(SECOND_GUESTS_OWN_ID);
		assertThat(plan.redirects()).containsExactly(Map.entry(SECOND_GUESTS_OWN_ID, second));
		assertThat(plan.moved()).containsExactlyInAnyOrder(new MovedEvent("m4", at(6), second.profileId()),
				new MovedEvent("m5", at(7), second.profileId()));
	}

	@Test
	void shouldKeepEventsThatLinkNobodyWithTheProfile() {
		List<StoredEvent> history = new ArrayList<>(twoGuests());
		// Only the tablet: it happened while the second guest was using it.
		history.add(stored(SURVIVOR_ID, event("m8", EventType.TRACK, 5, 9, TABLET)));

		SplitPlan plan = plan("split-1", Set.of(SECOND_GUESTS_OWN_ID), Set.of(GUEST_1, GUEST_2, TABLET), TABLET::equals,
				history);

		assertThat(plan.groups()).hasSize(2);
		PlannedGroup kept = plan.groups().get(0);
		assertThat(kept.state().ref()).isEqualTo(SURVIVOR);
		assertThat(kept.messageIds()).containsExactly("m1", "m3", "m8");
		assertThat(kept.state().eventCount()).isEqualTo(3);
		assertThat(kept.state().lastSeen()).isEqualTo(at(5));
		assertThat(kept.state().identifiers()).containsOnlyKeys(GUEST_1);
		assertThat(plan.groups().get(1).messageIds()).containsExactly("m2", "m4", "m5");
		assertThat(plan.moved()).extracting(MovedEvent::messageId).containsExactlyInAnyOrder("m4", "m5");
		assertThat(plan.dropped()).containsExactly(TABLET);
	}

	@Test
	void shouldKeepAGuestWhoLoggedInThroughAnAliasWhole() {
		List<StoredEvent> history = List.of(
				// Logged in on a laptop first, then browsed the shop on the phone as a
				// guest.
				stored(SURVIVOR_ID, event("a1", EventType.TRACK, 1, 1, "user_id:b")),
				stored("profile-2", event("a2", EventType.PAGE, 2, 2, "anonymous_id:a")),
				stored(SURVIVOR_ID, alias("a3", 3, "a", "user_id:b", "anonymous_id:a")),
				stored(SURVIVOR_ID, event("a4", EventType.TRACK, 4, 4, "user_id:b")),
				stored(SURVIVOR_ID, event("a5", EventType.IDENTIFY, 5, 5, "user_id:b", "email:b@x.org")));
		ProfileRef survivor = new ProfileRef(SURVIVOR_ID, at(1));

		SplitPlan plan = this.planner.plan(new SplitRequest("split-1", survivor, Set.of("profile-2"),
				Set.of("user_id:b", "anonymous_id:a", "email:b@x.org"), NOTHING, history));

		assertThat(plan.groups()).singleElement().satisfies((group) -> {
			assertThat(group.state().ref()).isEqualTo(survivor);
			assertThat(group.messageIds()).containsExactly("a1", "a2", "a3", "a4", "a5");
			assertThat(group.state().identifiers()).containsOnlyKeys("user_id:b", "anonymous_id:a", "email:b@x.org");
			assertThat(group.state().aliases()).containsExactly("a");
			assertThat(group.state().mergedProfileIds()).containsExactly("profile-2");
		});
		assertThat(plan.dropped()).isEmpty();
		assertThat(plan.moved()).isEmpty();
	}

	@Test
	void shouldKeepAUserRenamedThroughAnAliasWhole() {
		List<StoredEvent> history = List.of(stored(SURVIVOR_ID, event("r1", EventType.TRACK, 1, 1, "user_id:old")),
				// The new login was used before the alias arrived.
				stored("profile-2", event("r2", EventType.TRACK, 2, 2, "user_id:new")),
				stored(SURVIVOR_ID, alias("r3", 3, "old", "user_id:new", "anonymous_id:old")),
				// A late event of the old login.
				stored(SURVIVOR_ID, event("r4", EventType.TRACK, 4, 4, "user_id:old")),
				stored(SURVIVOR_ID, event("r5", EventType.TRACK, 5, 5, "user_id:new")));
		ProfileRef survivor = new ProfileRef(SURVIVOR_ID, at(1));

		SplitPlan plan = this.planner.plan(new SplitRequest("split-1", survivor, Set.of("profile-2"),
				Set.of("user_id:old", "user_id:new", "anonymous_id:old"), NOTHING, history));

		assertThat(plan.groups()).singleElement().satisfies((group) -> {
			assertThat(group.state().ref()).isEqualTo(survivor);
			assertThat(group.messageIds()).containsExactly("r1", "r2", "r3", "r4", "r5");
			assertThat(group.state().identifiers()).containsOnlyKeys("user_id:old", "user_id:new", "anonymous_id:old");
			assertThat(group.state().aliases()).containsExactly("old");
		});
		assertThat(plan.dropped()).isEmpty();
	}

	@Test
	void shouldNeverLinkThroughAnIdentifierTheProfileWasRefused() {
		String household = "email:family@x.org";
		List<StoredEvent> history = List.of(
				stored(SURVIVOR_ID, event("m1", EventType.PAGE, 2, 2, GUEST_1, TABLET, household)),
				stored(SURVIVOR_ID, event("m2", EventType.PAGE, 3, 3, GUEST_2, household)),
				stored(SURVIVOR_ID, event("m3", EventType.TRACK, 4, 4, GUEST_2, TABLET)),
				stored(SURVIVOR_ID, event("m4", EventType.TRACK, 5, 5, GUEST_1, household)));
		Set<String> held = Set.of(GUEST_1, GUEST_2, TABLET);

		SplitPlan split = plan("split-1", Set.of(), held, TABLET::equals, history);

		assertThat(split.groups()).as("the household email links nobody").hasSize(2);
		assertThat(split.groups().get(0).messageIds()).containsExactly("m1", "m4");
		assertThat(split.groups().get(0).state().identifiers()).containsOnlyKeys(GUEST_1);
		assertThat(split.groups().get(1).messageIds()).containsExactly("m2", "m3");
		assertThat(split.groups().get(1).state().identifiers()).containsOnlyKeys(GUEST_2);
		assertThat(split.dropped()).containsExactly(TABLET);

		SplitPlan whole = plan("split-1", Set.of(), held, NOTHING, history);

		assertThat(whole.groups()).singleElement().satisfies((group) -> {
			assertThat(group.messageIds()).containsExactly("m1", "m2", "m3", "m4");
			assertThat(group.state().identifiers()).containsOnlyKeys(GUEST_1, GUEST_2, TABLET);
		});
		assertThat(whole.dropped()).isEmpty();
	}

	@RepeatedTest(50)
	void shouldSplitAGeneratedHouseholdBackIntoItsPeople(RepetitionInfo repetition) {
		long seed = repetition.getCurrentRepetition();
		Household household = Household.generate(new Random(seed));
		ProfileRef survivor = new ProfileRef(SURVIVOR_ID, household.creating().receivedAt());

		SplitPlan plan = this.planner.plan(new SplitRequest("split-" + seed, survivor, Set.of(), household.held(),
				TABLET::equals, household.events()));

		String context = "seed " + seed + ": " + household;
		List<PlannedGroup> groups = plan.groups();
		assertThat(groups.get(0).state().ref()).as(context).isEqualTo(survivor);
		if (!household.orphans().contains(household.creating().messageId())) {
			assertThat(groups.get(0).messageIds()).as(context).contains(household.creating().messageId());
		}
		assertThat(groups.get(0).messageIds()).as(context).containsAll(household.orphans());
		List<String> all = groups.stream().flatMap((group) -> group.messageIds().stream()).toList();
		assertThat(all).as(context)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(
					household.events().stream().map((stored) -> stored.event().messageId()).toList());
		List<Set<String>> people = groups.stream().map((group) -> {
			Set<String> messageIds = new HashSet<>(group.messageIds());
			messageIds.removeAll(household.orphans());
			return messageIds;
		}).toList();
		assertThat(people).as(context).containsExactlyInAnyOrderElementsOf(household.truth());

		for (int person = 0; person < household.truth().size(); person++) {
			Set<String> theirEvents = household.truth().get(person);
			for (String identifier : household.identifiers().get(person)) {
				assertThat(groups).as(context + ", " + identifier)
					.filteredOn((group) -> group.state().identifiers().containsKey(identifier))
					.singleElement()
					.satisfies((group) -> assertThat(group.messageIds()).containsAll(theirEvents));
			}
		}
		assertThat(plan.dropped()).as(context).containsExactly(TABLET);
		for (int index = 0; index < groups.size(); index++) {
			ProfileState state = groups.get(index).state();
			Map<String, Integer> counts = new HashMap<>();
			state.identifiers().values().forEach((record) -> counts.merge(record.type(), 1, Integer::sum));
			assertThat(counts.getOrDefault("user_id", 0)).as(context).isLessThanOrEqualTo(1);
			assertThat(counts.values()).as(context).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(5));
			assertThat(state.identifiers()).as(context).doesNotContainKey(TABLET);
			assertThat(state.eventCount()).as(context).isEqualTo(groups.get(index).messageIds().size());
			if (index > 0) {
				assertThat(state.ref().isOlderThan(survivor)).as(context).isTrue();
			}
		}
		List<MovedEvent> expectedMoves = new ArrayList<>();
		for (PlannedGroup group : groups.subList(1, groups.size())) {
			for (String messageId : group.messageIds()) {
				expectedMoves
					.add(new MovedEvent(messageId, household.occurredAt().get(messageId), group.state().profileId()));
			}
		}
		assertThat(plan.moved()).as(context).containsExactlyInAnyOrderElementsOf(expectedMoves);
	}

	/**
	 * Two guests merged through the family tablet: the first guest created the profile
	 * (m1); the second guest's first visit happened earlier, on a phone that sent it
	 * late, and made a profile of its own (profile-2) that the tablet later merged in.
	 */
	private static List<StoredEvent> twoGuests() {
		return List.of(stored(SURVIVOR_ID, event("m1", EventType.PAGE, 2, 2, GUEST_1, TABLET)),
				stored(SECOND_GUESTS_OWN_ID, event("m2", EventType.PAGE, 1, 5, GUEST_2)),
				stored(SURVIVOR_ID, event("m3", EventType.TRACK, 3, 3, GUEST_1)),
				stored(SURVIVOR_ID, event("m4", EventType.TRACK, 6, 6, GUEST_2, TABLET)),
				stored(SURVIVOR_ID, event("m5", EventType.TRACK, 7, 7, GUEST_2)));
	}

	private SplitPlan plan(String splitId, Set<String> mergedIds, Set<String> held, Predicate<String> unlinked,
			List<StoredEvent> events) {
		return this.planner.plan(new SplitRequest(splitId, SURVIVOR, mergedIds, held, unlinked, events));
	}

	private static Instant at(int second) {
		return START.plusSeconds(second);
	}

	private static StoredEvent stored(String profileId, CustomerEvent event) {
		return new StoredEvent(profileId, event);
	}

	private static CustomerEvent event(String messageId, EventType type, int occurred, int received,
			String... identifiers) {
		return builder(messageId, type, at(occurred), at(received), identifiers).build();
	}

	/**
	 * An alias as identity resolution stores it: its user id and its previous id as an
	 * anonymous id.
	 */
	private static CustomerEvent alias(String messageId, int occurred, String previousId, String... identifiers) {
		return builder(messageId, EventType.ALIAS, at(occurred), at(occurred), identifiers).previousId(previousId)
			.build();
	}

	private static CustomerEventBuilder builder(String messageId, EventType type, Instant occurredAt,
			Instant receivedAt, String... identifiers) {
		Channel channel = (type == EventType.PAGE) ? Channel.WEB : Channel.MOBILE;
		CustomerEventBuilder builder = CustomerEvent.builder()
			.messageId(messageId)
			.type(type)
			.channel(channel)
			.sourceId("source-" + channel.wireName())
			.name((type == EventType.PAGE) ? "Home" : "Song Played")
			.occurredAt(occurredAt)
			.receivedAt(receivedAt);
		for (String identifier : identifiers) {
			builder.identifier(Identifier.parse(identifier));
		}
		return builder;
	}

	/**
	 * A household of 3 to 8 people sharing the family tablet, all merged into one
	 * profile: each person has 1 to 3 anonymous ids and maybe a user id, and 2 to 6
	 * events carrying some of their own identifiers, connected through them, some with
	 * the tablet too; a few events carry only the tablet.
	 *
	 * @param events the history, every row on the profile
	 * @param held every identifier the events carry
	 * @param identifiers each person's identifiers
	 * @param truth each person's events that carry one of their own identifiers
	 * @param orphans the events that carry only the tablet
	 * @param occurredAt each event's time
	 * @param creating the event that created the profile
	 */
	private record Household(List<StoredEvent> events, Set<String> held, List<Set<String>> identifiers,
			List<Set<String>> truth, Set<String> orphans, Map<String, Instant> occurredAt, CustomerEvent creating) {

		static Household generate(Random random) {
			int people = 3 + random.nextInt(6);
			List<Set<String>> identifiers = new ArrayList<>();
			List<List<List<String>>> carried = new ArrayList<>();
			for (int person = 0; person < people; person++) {
				List<String> own = new ArrayList<>();
				int anonymous = 1 + random.nextInt(3);
				for (int index = 0; index < anonymous; index++) {
					own.add("anonymous_id:p" + person + "-guest-" + index);
				}
				if (random.nextBoolean()) {
					own.add("user_id:person-" + person);
				}
				List<List<String>> events = new ArrayList<>();
				Set<String> connected = new LinkedHashSet<>();
				Set<String> used = new LinkedHashSet<>();
				int count = 2 + random.nextInt(5);
				for (int index = 0; index < count; index++) {
					if (index > 0 && random.nextInt(8) == 0) {
						events.add(List.of(TABLET));
						continue;
					}
					List<String> subset = new ArrayList<>();
					for (String identifier : own) {
						if (random.nextBoolean()) {
							subset.add(identifier);
						}
					}
					if (subset.isEmpty()) {
						subset.add(own.get(random.nextInt(own.size())));
					}
					// Joined to what the person's earlier events hold, so that the
					// person is one.
					if (!connected.isEmpty() && Collections.disjoint(subset, connected)) {
						List<String> earlier = new ArrayList<>(connected);
						subset.add(earlier.get(random.nextInt(earlier.size())));
					}
					connected.addAll(subset);
					used.addAll(subset);
					if (random.nextInt(5) < 2) {
						subset.add(TABLET);
					}
					events.add(subset);
				}
				identifiers.add(used);
				carried.add(events);
			}
			int total = carried.stream().mapToInt(List::size).sum();
			List<Integer> seconds = new ArrayList<>(IntStream.range(0, 3600).boxed().toList());
			Collections.shuffle(seconds, random);
			EventType[] types = { EventType.PAGE, EventType.TRACK, EventType.IDENTIFY };
			List<StoredEvent> events = new ArrayList<>();
			List<Set<String>> truth = new ArrayList<>();
			Set<String> orphans = new HashSet<>();
			Map<String, Instant> occurredAt = new HashMap<>();
			Set<String> held = new HashSet<>();
			held.add(TABLET);
			int next = 0;
			for (int person = 0; person < people; person++) {
				Set<String> theirs = new HashSet<>();
				for (List<String> carriedIdentifiers : carried.get(person)) {
					String messageId = "p" + person + "-e" + next;
					Instant occurred = START.plusSeconds(seconds.get(next));
					next++;
					CustomerEvent event = builder(messageId, types[random.nextInt(types.length)], occurred,
							occurred.plusSeconds(random.nextInt(60)), carriedIdentifiers.toArray(String[]::new))
						.build();
					events.add(stored(SURVIVOR_ID, event));
					occurredAt.put(messageId, occurred);
					held.addAll(carriedIdentifiers);
					if (carriedIdentifiers.equals(List.of(TABLET))) {
						orphans.add(messageId);
					}
					else {
						theirs.add(messageId);
					}
				}
				truth.add(theirs);
			}
			assertThat(next).isEqualTo(total);
			Collections.shuffle(events, random);
			CustomerEvent creating = events.stream()
				.map(StoredEvent::event)
				.min(Comparator.comparing(CustomerEvent::receivedAt).thenComparing(CustomerEvent::messageId))
				.orElseThrow();
			return new Household(events, held, identifiers, truth, orphans, occurredAt, creating);
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			this.events.stream()
				.sorted(Comparator.comparing((StoredEvent stored) -> stored.event().occurredAt()))
				.forEach((stored) -> text.append(stored.event().messageId())
					.append(stored.event().identifiers().stream().map(Identifier::key).toList())
					.append(' '));
			return text.toString();
		}

	}

}
