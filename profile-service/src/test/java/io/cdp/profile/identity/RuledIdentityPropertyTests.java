package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.split.SplitPlanner;
import io.cdp.profile.split.SplitPlanner.PlannedGroup;
import io.cdp.profile.split.SplitPlanner.SplitPlan;
import io.cdp.profile.split.SplitPlanner.SplitRequest;
import io.cdp.profile.split.SplitPlanner.StoredEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity resolution under the default identity rules, on generated people delivered in
 * random orders over random partition counts: ordinary people, people who share a family
 * tablet or a household email with others (each logged in with a user id of their own),
 * people whose events carry junk values, renamed users whose alias chain arrives in any
 * order, and people whose anonymous id and user id have the same value.
 *
 * <p>
 * Limits make the result depend on arrival order for a conflicting shared identifier
 * itself (the tablet stays with whoever the identifier nodes saw first), so the invariant
 * is stated over everything else:
 * <ol>
 * <li>every identifier only one person uses is held by exactly one profile, and two such
 * identifiers share a profile exactly when they belong to one person (the reference: the
 * people as generated);</li>
 * <li>a shared identifier is held by at most one profile, one of a person who used
 * it;</li>
 * <li>every event lands on its own person's profile;</li>
 * <li>no profile holds more identifiers of a type than its limit;</li>
 * <li>an identifier of an event that its profile does not hold was refused, and the merge
 * log says so for that event.</li>
 * </ol>
 */
class RuledIdentityPropertyTests {

	private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

	private static final IdentityRules RULES = IdentityRules.defaults();

	private final IdentifierNormalizer normalizer = new IdentifierNormalizer(
			RULES.normalization(NormalizationRules.defaults()));

	@Property(tries = 300)
	void keepsPeopleApartAndTogetherByTheRulesInAnyOrder(@ForAll long seed,
			@ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long schedule) {
		Population population = Population.generate(new Random(seed));
		try (SimulatedCluster cluster = new SimulatedCluster(partitions, schedule, RULES)) {
			population.events().forEach(cluster::send);
			cluster.runUntilQuiet();
			check(population, cluster);
		}
	}

	/**
	 * The rules applied to profiles merged before the rules existed: the same people
	 * resolved without rules (shared tablets, household emails and junk values join them
	 * into one profile), then every profile split by its history under the default rules
	 * ({@link SplitPlanner}), come apart into exactly the people, each with all of their
	 * own identifiers and events, and no profile over a limit.
	 */
	@Property(tries = 200)
	void splitsProfilesMergedWithoutRulesBackIntoThePeople(@ForAll long seed,
			@ForAll @IntRange(min = 1, max = 3) int partitions, @ForAll long schedule) {
		Population population = Population.generate(new Random(seed));
		try (SimulatedCluster cluster = new SimulatedCluster(partitions, schedule,
				IdentityResolutionPropertyTests.UNLIMITED)) {
			population.events().forEach(cluster::send);
			cluster.runUntilQuiet();
			SplitPlanner planner = new SplitPlanner(RULES);
			Map<String, String> groupOfEvent = new HashMap<>();
			Map<String, String> holder = new HashMap<>();
			for (ProfileState profile : cluster.profileStates().values()) {
				if (profile.mergedInto() != null) {
					continue;
				}
				Set<String> ids = new HashSet<>(profile.mergedProfileIds());
				ids.add(profile.profileId());
				List<StoredEvent> history = cluster.publishedEvents()
					.stream()
					.filter((published) -> ids.contains(published.profileId()))
					.map((published) -> new StoredEvent(published.profileId(), published.event()))
					.toList();
				SplitPlan plan = planner
					.plan(new SplitRequest("split-" + profile.profileId(), profile.ref(), profile.mergedProfileIds(),
							profile.identifiers().keySet(), (key) -> !linksUnderTheRules(key), history));
				assertThat(plan.groups().get(0).state().ref()).isEqualTo(profile.ref());
				for (PlannedGroup group : plan.groups()) {
					ProfileState state = group.state();
					assertThat(RULES.violation(state.identifiers().values(), state.aliases(), START, 0))
						.as("rules of split profile holding %s", state.identifiers().keySet())
						.isNull();
					assertThat(state.eventCount()).isEqualTo(group.messageIds().size());
					for (String key : state.identifiers().keySet()) {
						assertThat(holder.put(key, state.profileId())).as("%s is held by two profiles", key).isNull();
					}
					for (String messageId : group.messageIds()) {
						assertThat(groupOfEvent.put(messageId, state.profileId())).as("event %s split twice", messageId)
							.isNull();
					}
				}
			}
			Map<String, String> profileOfPerson = profileOfPerson(population, holder);
			for (CustomerEvent event : population.events()) {
				assertThat(groupOfEvent.get(event.messageId())).as("profile of event %s", event.messageId())
					.isEqualTo(profileOfPerson.get(population.personOfEvent().get(event.messageId())));
			}
		}
	}

	/**
	 * The one profile of each person, checking that all of a person's own identifiers are
	 * held there and that no two people share it.
	 */
	private static Map<String, String> profileOfPerson(Population population, Map<String, String> holder) {
		Map<String, String> profileOfPerson = new HashMap<>();
		population.uniqueKeys().forEach((person, keys) -> {
			for (String key : keys) {
				String profile = holder.get(key);
				assertThat(profile).as("profile holding %s of %s", key, person).isNotNull();
				String earlier = profileOfPerson.putIfAbsent(person, profile);
				assertThat(profile).as("%s of %s is with the person's other identifiers", key, person)
					.isEqualTo((earlier != null) ? earlier : profile);
			}
		});
		assertThat(new HashSet<>(profileOfPerson.values())).as("one profile per person")
			.hasSameSizeAs(profileOfPerson.keySet());
		return profileOfPerson;
	}

	/** Whether an identifier links under the default rules' blocked values. */
	private boolean linksUnderTheRules(String key) {
		return this.normalizer
			.normalize(Identifier.parse(key)) instanceof NormalizationResult.Normalized(Identifier normalized)
				&& normalized.key().equals(key);
	}

	private void check(Population population, SimulatedCluster cluster) {
		Map<String, ProfileState> states = cluster.profileStates();
		List<ProfileState> active = states.values().stream().filter((state) -> state.mergedInto() == null).toList();
		Map<String, String> holder = new HashMap<>();
		for (ProfileState profile : active) {
			assertThat(RULES.violation(profile.identifiers().values(), profile.aliases(), START,
					profile.mergedProfileIds().size()))
				.as("rules of profile %s holding %s", profile.profileId(), profile.identifiers().keySet())
				.isNull();
			for (String key : profile.identifiers().keySet()) {
				String earlier = holder.put(key, profile.profileId());
				assertThat(earlier).as("%s is held by two profiles", key).isNull();
			}
		}
		Map<String, String> profileOfPerson = profileOfPerson(population, holder);
		population.sharedKeys().forEach((key, users) -> {
			String profile = holder.get(key);
			if (profile != null) {
				assertThat(users.stream().map(profileOfPerson::get)).as("holder of shared %s", key).contains(profile);
			}
		});
		Map<String, String> profileOfEvent = cluster.profileOfEvent();
		Set<String> refusedCauses = new HashSet<>();
		cluster.publishedMerges()
			.stream()
			.filter((decision) -> ProfileMerged.REFUSED.equals(decision.outcome()))
			.forEach((decision) -> refusedCauses.add(decision.causeMessageId()));
		for (CustomerEvent event : population.events()) {
			String landed = profileOfEvent.get(event.messageId());
			assertThat(landed).as("profile of event %s", event.messageId()).isNotNull();
			ProfileState survivor = SimulatedCluster.survivor(states, landed);
			assertThat(survivor.profileId()).as("profile of event %s", event.messageId())
				.isEqualTo(profileOfPerson.get(population.personOfEvent().get(event.messageId())));
			for (String key : keysOf(event)) {
				if (!survivor.identifiers().containsKey(key)) {
					assertThat(population.sharedKeys()).as("%s of event %s not held", key, event.messageId())
						.containsKey(key);
					assertThat(refusedCauses).as("refusal of %s for event %s", key, event.messageId())
						.contains(event.messageId());
				}
			}
		}
	}

	/** The event's identifiers as identity resolution holds them, an alias's included. */
	private Set<String> keysOf(CustomerEvent event) {
		Set<String> keys = new LinkedHashSet<>();
		this.normalizer.normalizeAll(event.identifiers()).identifiers().forEach((id) -> keys.add(id.key()));
		if (event.type() == EventType.ALIAS && event.previousId() != null
				&& this.normalizer.normalize(IdentifierType.ANONYMOUS_ID,
						event.previousId()) instanceof NormalizationResult.Normalized(Identifier previous)) {
			keys.add(previous.key());
		}
		return keys;
	}

	/**
	 * Generated people and their events, shuffled.
	 *
	 * @param events every event, in sending order
	 * @param personOfEvent the person each event belongs to, by messageId
	 * @param uniqueKeys per person, the identifiers only that person uses
	 * @param sharedKeys shared identifiers and the people who use them
	 */
	record Population(List<CustomerEvent> events, Map<String, String> personOfEvent,
			Map<String, Set<String>> uniqueKeys, Map<String, Set<String>> sharedKeys) {

		static Population generate(Random random) {
			Builder builder = new Builder(random);
			int people = 3 + random.nextInt(8);
			for (int person = 0; person < people; person++) {
				switch (random.nextInt(6)) {
					case 0 -> builder.sharers("device_id:tablet-" + person, 2 + random.nextInt(2), person);
					case 1 -> builder.sharers("email:home" + person + "@example.org", 2, person);
					case 2 -> builder.junk(person);
					case 3 -> builder.aliasChain(person);
					case 4 -> builder.sameValue(person);
					default -> builder.ordinary("p" + person, random.nextBoolean());
				}
			}
			return builder.build();
		}

	}

	private static final class Builder {

		private final Random random;

		private final List<CustomerEvent> events = new ArrayList<>();

		private final Map<String, String> personOfEvent = new HashMap<>();

		private final Map<String, Set<String>> uniqueKeys = new HashMap<>();

		private final Map<String, Set<String>> sharedKeys = new HashMap<>();

		private int sequence;

		Builder(Random random) {
			this.random = random;
		}

		/** Someone with an anonymous id, maybe a user id and email, on a few channels. */
		String ordinary(String name, boolean loggedIn) {
			String anonymous = "anonymous_id:" + name + "-a";
			String user = loggedIn ? "user_id:" + name : null;
			String email = "email:" + name + "@example.com";
			event(name, EventType.PAGE, null, anonymous);
			event(name, EventType.IDENTIFY, null, anonymous, email);
			if (user != null) {
				event(name, EventType.IDENTIFY, null, anonymous, user);
				event(name, EventType.TRACK, null, user, email);
			}
			for (int extra = this.random.nextInt(3); extra > 0; extra--) {
				event(name, EventType.TRACK, null, (user != null && this.random.nextBoolean()) ? user : anonymous);
			}
			return name;
		}

		/** People with user ids of their own, who all use one shared identifier. */
		void sharers(String shared, int count, int group) {
			Set<String> users = new LinkedHashSet<>();
			for (int member = 0; member < count; member++) {
				String name = ordinary("g" + group + "m" + member, true);
				users.add(name);
				event(name, EventType.TRACK, null, "user_id:" + name, shared);
				if (this.random.nextBoolean()) {
					event(name, EventType.TRACK, null, shared, "user_id:" + name);
				}
			}
			this.sharedKeys.put(shared, users);
		}

		/** Someone whose events carry values that never identify anyone. */
		void junk(int person) {
			String name = ordinary("j" + person, this.random.nextBoolean());
			String own = "anonymous_id:" + name + "-a";
			event(name, EventType.TRACK, null, own, "device_id:00000000-0000-0000-0000-000000000000");
			event(name, EventType.IDENTIFY, null, own, "email:test@test.com");
			event(name, EventType.TRACK, null, own, "device_id:unknown");
			event(name, EventType.TRACK, null, own, "anonymous_id:-1");
		}

		/**
		 * An anonymous visitor a who signs up as b and is renamed c: the two aliases and
		 * the events of b and c in any order.
		 */
		void aliasChain(int person) {
			String name = "c" + person;
			String a = name + "-a";
			String b = name + "-b";
			String c = name + "-c";
			event(name, EventType.PAGE, null, "anonymous_id:" + a);
			event(name, EventType.ALIAS, a, "user_id:" + b);
			event(name, EventType.ALIAS, b, "user_id:" + c);
			event(name, EventType.TRACK, null, "user_id:" + b);
			if (this.random.nextBoolean()) {
				event(name, EventType.TRACK, null, "user_id:" + c);
			}
		}

		/** Someone whose SDK sends the user id as the anonymous id too. */
		void sameValue(int person) {
			String name = "s" + person;
			event(name, EventType.PAGE, null, "anonymous_id:" + name);
			event(name, EventType.IDENTIFY, null, "anonymous_id:" + name, "user_id:" + name);
			event(name, EventType.TRACK, null, "user_id:" + name);
		}

		private void event(String person, EventType type, String previousId, String... identifiers) {
			this.sequence++;
			CustomerEventBuilder builder = CustomerEvent.builder()
				.messageId("m-" + this.sequence)
				.type(type)
				.name((type == EventType.TRACK || type == EventType.PAGE) ? "Step " + this.sequence : null)
				.channel(Channel.WEB)
				.sourceId("source-web")
				.previousId(previousId);
			for (String identifier : identifiers) {
				builder.identifier(Identifier.parse(identifier));
				if (!this.sharedKeys.containsKey(identifier) && !isJunk(identifier)) {
					this.uniqueKeys.computeIfAbsent(person, (key) -> new LinkedHashSet<>()).add(identifier);
				}
			}
			if (previousId != null) {
				this.uniqueKeys.computeIfAbsent(person, (key) -> new LinkedHashSet<>())
					.add("anonymous_id:" + previousId);
			}
			this.events.add(builder.occurredAt(START).receivedAt(START).build());
			this.personOfEvent.put("m-" + this.sequence, person);
		}

		private static boolean isJunk(String identifier) {
			return identifier.contains("00000000-0000") || identifier.endsWith(":unknown") || identifier.endsWith(":-1")
					|| identifier.equals("email:test@test.com");
		}

		Population build() {
			// Shared identifiers were recorded as unique until the group was complete.
			this.uniqueKeys.values().forEach((keys) -> keys.removeAll(this.sharedKeys.keySet()));
			List<CustomerEvent> shuffled = new ArrayList<>(this.events);
			Collections.shuffle(shuffled, this.random);
			List<CustomerEvent> timed = new ArrayList<>();
			for (int index = 0; index < shuffled.size(); index++) {
				Instant at = START.plus(Duration.ofSeconds(index));
				CustomerEvent event = shuffled.get(index);
				timed.add(new CustomerEvent(event.messageId(), event.type(), event.name(), event.channel(),
						event.sourceId(), event.identifiers(), event.previousId(), event.groupId(), event.traits(),
						event.properties(), event.context(), at, at));
			}
			return new Population(timed, this.personOfEvent, this.uniqueKeys, this.sharedKeys);
		}

	}

}
