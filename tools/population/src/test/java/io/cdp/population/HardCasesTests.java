package io.cdp.population;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HardCasesTests {

	private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Population ORDINARY = PopulationGenerator.generate(PopulationSettings.of(7, 400, UNTIL));

	private static final Population ONE_IN_TEN = PopulationGenerator
		.generate(PopulationSettings.of(7, 400, UNTIL).withHardCases(0.1));

	/** Everyone in a hard case: about twenty cases of each kind. */
	private static final Population EVERYONE = PopulationGenerator
		.generate(PopulationSettings.of(11, 150, UNTIL).withHardCases(1.0));

	@Test
	void shouldPutTheConfiguredShareOfPeopleInHardCasesOfEveryKind() {
		Map<String, HardCase> byPerson = ONE_IN_TEN.hardCaseByPersonId();

		assertThat(byPerson).hasSizeBetween(40, 43);
		assertThat(ONE_IN_TEN.hardCases().stream().mapToInt((hardCase) -> hardCase.personIds().size()).sum())
			.as("nobody in two cases")
			.isEqualTo(byPerson.size());
		assertThat(ONE_IN_TEN.hardCases()).extracting(HardCase::kind).contains(HardCaseKind.values());
		assertThat(ONE_IN_TEN.hardCases()).allSatisfy((hardCase) -> {
			switch (hardCase.kind()) {
				case SHARED_DEVICE -> assertThat(hardCase.personIds()).hasSizeBetween(2, 3);
				case SHARED_EMAIL -> assertThat(hardCase.personIds()).hasSize(2);
				case JUNK_VALUES, ALIAS_CHAIN, SAME_ID -> assertThat(hardCase.personIds()).hasSize(1);
			}
		});
		assertThat(EVERYONE.hardCaseByPersonId()).hasSize(150);
		assertThat(PopulationGenerator.generate(PopulationSettings.of(7, 200, UNTIL).withHardCases(0.25))
			.hardCaseByPersonId()).hasSizeBetween(50, 53);
	}

	@Test
	void shouldLeaveThePopulationAsItWasWithoutHardCases() {
		Population noHardCases = PopulationGenerator.generate(PopulationSettings.of(7, 400, UNTIL).withHardCases(0));

		assertThat(noHardCases.deliveries()).isEqualTo(ORDINARY.deliveries());
		assertThat(noHardCases.hardCases()).isEmpty();
		for (Person person : ONE_IN_TEN.people()) {
			Person ordinary = ORDINARY.person(person.personId());
			if (ONE_IN_TEN.hardCaseByPersonId().containsKey(person.personId())) {
				assertThat(person.userId()).isEqualTo(ordinary.userId());
				assertThat(person.email()).isEqualTo(ordinary.email());
				assertThat(messageIds(ONE_IN_TEN.eventsOf(person.personId())))
					.as("the hard case adds to the person's journey")
					.containsAll(messageIds(ORDINARY.eventsOf(person.personId())));
			}
			else {
				assertThat(person).isEqualTo(ordinary);
				assertThat(ONE_IN_TEN.eventsOf(person.personId())).isEqualTo(ORDINARY.eventsOf(person.personId()));
			}
		}
	}

	@Test
	void shouldKeepTheFirstPeoplesCasesWhenThePopulationGrows() {
		Population smaller = PopulationGenerator.generate(PopulationSettings.of(7, 200, UNTIL).withHardCases(0.1));
		Map<String, HardCase> larger = ONE_IN_TEN.hardCaseByPersonId();

		assertThat(smaller.hardCases()).hasSizeGreaterThan(10);
		for (Person person : smaller.people()) {
			HardCase hardCase = smaller.hardCaseByPersonId().get(person.personId());
			if (Objects.equals(hardCase, larger.get(person.personId()))) {
				assertThat(person).isEqualTo(ONE_IN_TEN.person(person.personId()));
				assertThat(smaller.eventsOf(person.personId())).isEqualTo(ONE_IN_TEN.eventsOf(person.personId()));
			}
			else {
				assertThat(hardCase).as("only a household cut short by the end of the smaller population differs")
					.isNotNull()
					.extracting(HardCase::personIds)
					.asInstanceOf(InstanceOfAssertFactories.LIST)
					.contains(smaller.people().get(smaller.people().size() - 1).personId());
			}
		}
	}

	@Test
	void shouldLetEachPersonOnASharedTabletLogInWithTheirOwnUserId() {
		List<HardCase> tablets = cases(EVERYONE, HardCaseKind.SHARED_DEVICE);

		assertThat(tablets).hasSizeGreaterThan(10).allSatisfy((tablet) -> {
			assertThat(tablet.identifiers()).singleElement()
				.extracting(PersonIdentifier::type)
				.isEqualTo(PersonIdentifier.DEVICE_ID);
			String tabletId = tablet.identifiers().get(0).value();
			for (String personId : tablet.personIds()) {
				Person person = EVERYONE.person(personId);
				List<JsonNode> onTablet = EVERYONE.eventsOf(personId)
					.stream()
					.map(HardCasesTests::message)
					.filter((
							message) -> message.path("context").path("device").path("id").asString("").equals(tabletId))
					.toList();
				assertThat(onTablet).isNotEmpty()
					.allSatisfy((message) -> assertThat(message.path("userId").asString()).isEqualTo(person.userId()));
				assertThat(person.identifiers()).contains(tablet.identifiers().get(0));
			}
		});
	}

	@Test
	void shouldLetTwoPeopleIdentifyWithOneHouseholdEmailEachWithTheirOwnUserId() {
		assertThat(cases(EVERYONE, HardCaseKind.SHARED_EMAIL)).hasSizeGreaterThan(10).allSatisfy((household) -> {
			PersonIdentifier email = household.identifiers().get(0);
			assertThat(email.type()).isEqualTo(PersonIdentifier.EMAIL);
			assertThat(email.value()).contains(".family");
			for (String personId : household.personIds()) {
				Person person = EVERYONE.person(personId);
				assertThat(person.identifiers()).contains(email);
				assertThat(person.email()).isNotEqualTo(email.value());
				assertThat(EVERYONE.eventsOf(personId)
					.stream()
					.map(HardCasesTests::message)
					.filter((message) -> SegmentIdentifiers.of(message).contains(email.key()))).isNotEmpty()
					.allSatisfy((message) -> assertThat(message.path("userId").asString()).isEqualTo(person.userId()));
			}
		});
	}

	@Test
	void shouldWriteJunkValuesOnlyBesideAnIdentifierOfThePersonItself() {
		List<HardCase> junkCases = cases(EVERYONE, HardCaseKind.JUNK_VALUES);
		Map<String, Set<String>> peopleByJunk = new HashMap<>();

		assertThat(junkCases).hasSizeGreaterThan(10).allSatisfy((junk) -> {
			Person person = EVERYONE.person(junk.personIds().get(0));
			assertThat(junk.identifiers()).isNotEmpty()
				.allSatisfy((identifier) -> assertThat(HardCaseWriter.isJunk(identifier.value())).isTrue());
			assertThat(person.identifiers()).doesNotContainAnyElementsOf(junk.identifiers());
			Set<String> own = new HashSet<>(person.identifiers().stream().map(PersonIdentifier::key).toList());
			for (GeneratedEvent event : EVERYONE.eventsOf(person.personId())) {
				List<String> identifiers = SegmentIdentifiers.of(message(event));
				List<String> junkOnIt = junk.identifiers()
					.stream()
					.map(PersonIdentifier::key)
					.filter(identifiers::contains)
					.toList();
				if (!junkOnIt.isEmpty()) {
					assertThat(identifiers).as("%s carries one of the person's own identifiers", event.messageId())
						.anyMatch(own::contains);
					junkOnIt.forEach((value) -> peopleByJunk.computeIfAbsent(value, (key) -> new TreeSet<>())
						.add(person.personId()));
				}
			}
		});
		assertThat(peopleByJunk.values()).as("a junk value that would link different people")
			.anySatisfy((people) -> assertThat(people).hasSizeGreaterThan(1));
	}

	@Test
	void shouldSendAliasChainsInRandomOrdersAndSometimesInReverse() {
		List<HardCase> chains = cases(EVERYONE, HardCaseKind.ALIAS_CHAIN);
		int renameBeforeOldUserEvents = 0;
		int reversed = 0;

		for (HardCase chain : chains) {
			Person person = EVERYONE.person(chain.personIds().get(0));
			String legacyUserId = chain.identifiers()
				.stream()
				.filter((identifier) -> identifier.type().equals(PersonIdentifier.USER_ID)
						&& !identifier.value().equals(person.userId()))
				.findFirst()
				.orElseThrow()
				.value();
			List<GeneratedEvent> sent = EVERYONE.deliveries()
				.stream()
				.filter((delivery) -> !delivery.isRetry() && delivery.event().personId().equals(person.personId()))
				.map(Delivery::event)
				.toList();
			int rename = indexOf(sent, (message) -> message.path("type").asString().equals("alias")
					&& message.path("previousId").asString().equals(legacyUserId));
			int firstAsOldUser = indexOf(sent, (message) -> !message.path("type").asString().equals("alias")
					&& message.path("userId").asString().equals(legacyUserId));
			assertThat(rename).isNotNegative();
			assertThat(firstAsOldUser).isNotNegative();
			renameBeforeOldUserEvents += (rename < firstAsOldUser) ? 1 : 0;
			boolean inReverse = true;
			for (int index = 1; index < sent.size(); index++) {
				inReverse &= !sent.get(index).occurredAt().isAfter(sent.get(index - 1).occurredAt());
			}
			reversed += inReverse ? 1 : 0;
		}

		assertThat(chains).hasSizeGreaterThan(10);
		assertThat(reversed).as("people whose messages are sent in reverse").isPositive().isLessThan(chains.size());
		assertThat(renameBeforeOldUserEvents).as("alias b → c sent before any event as b")
			.isGreaterThan(reversed)
			.isLessThan(chains.size());
	}

	/**
	 * The truth is what a resolver that keeps the identity rules finds, reading the
	 * messages in the order they are sent: junk values link nobody, an alias links its
	 * previous id, and no group gets two user ids.
	 */
	@Test
	void shouldKeepTheTruthWhatAResolverThatKeepsTheIdentityRulesFinds() {
		for (Population population : List.of(ONE_IN_TEN, EVERYONE)) {
			RuleKeepingResolver resolver = new RuleKeepingResolver(population);
			population.deliveries().forEach((delivery) -> resolver.read(delivery.event()));

			Map<String, String> personByGroup = new HashMap<>();
			for (GeneratedEvent event : population.events()) {
				assertThat(personByGroup.computeIfAbsent(resolver.groupOf(event), (group) -> event.personId()))
					.as("the person of every message grouped with %s", event.messageId())
					.isEqualTo(event.personId());
			}
			assertThat(personByGroup).hasSize(population.people().size());
		}
	}

	@Test
	void shouldKeepPeopleOnOneTabletApartThoughTheTabletLinksTheirEvents() {
		UnionFind naive = new UnionFind();
		for (GeneratedEvent event : EVERYONE.events()) {
			List<String> identifiers = SegmentIdentifiers.of(message(event));
			identifiers.forEach((identifier) -> naive.union(identifiers.get(0), identifier));
			naive.union(identifiers.get(0), "message:" + event.messageId());
		}

		for (HardCase tablet : cases(EVERYONE, HardCaseKind.SHARED_DEVICE)) {
			Set<String> naiveGroups = new HashSet<>();
			Set<String> people = new HashSet<>();
			for (String personId : tablet.personIds()) {
				EVERYONE.eventsOf(personId).forEach((event) -> {
					naiveGroups.add(naive.find("message:" + event.messageId()));
					people.add(EVERYONE.personIdByMessageId().get(event.messageId()));
				});
			}
			assertThat(naiveGroups).as("linking every identifier joins the tablet's people").hasSize(1);
			assertThat(people).as("the truth keeps them apart").hasSize(tablet.personIds().size());
		}
	}

	@Test
	void shouldRecordWhatThePeoplesMessagesCarryAsTheirIdentifiersButJunk() {
		Map<String, Set<String>> identifiersByPerson = new HashMap<>();
		for (GeneratedEvent event : EVERYONE.events()) {
			SegmentIdentifiers.of(message(event))
				.stream()
				.filter((identifier) -> !HardCaseWriter.isJunk(identifier.substring(identifier.indexOf(':') + 1)))
				.forEach((identifier) -> identifiersByPerson.computeIfAbsent(event.personId(), (id) -> new TreeSet<>())
					.add(identifier));
		}

		assertThat(EVERYONE.people()).allSatisfy((person) -> assertThat(person.identifiers()).map(PersonIdentifier::key)
			.containsExactlyInAnyOrderElementsOf(identifiersByPerson.get(person.personId())));
	}

	@Test
	void shouldShowAnOrdinaryPersonInTheDemo() {
		assertThat(EVERYONE.showcase()).isNotNull();
		assertThat(ONE_IN_TEN.hardCaseByPersonId()).doesNotContainKey(ONE_IN_TEN.showcase().personId());
	}

	@Test
	void shouldRefuseAShareOutsideZeroToOne() {
		PopulationSettings settings = PopulationSettings.of(7, 10, UNTIL);

		assertThatIllegalArgumentException().isThrownBy(() -> settings.withHardCases(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withHardCases(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withHardCases(Double.NaN));
	}

	private static List<HardCase> cases(Population population, HardCaseKind kind) {
		return population.hardCases().stream().filter((hardCase) -> hardCase.kind() == kind).toList();
	}

	private static int indexOf(List<GeneratedEvent> events, java.util.function.Predicate<JsonNode> matches) {
		for (int index = 0; index < events.size(); index++) {
			if (matches.test(message(events.get(index)))) {
				return index;
			}
		}
		return -1;
	}

	private static List<String> messageIds(List<GeneratedEvent> events) {
		return events.stream().map(GeneratedEvent::messageId).toList();
	}

	private static JsonNode message(GeneratedEvent event) {
		return JSON.readTree(event.json());
	}

	/**
	 * A resolver small enough to check the truth with: it links the identifiers of each
	 * message in the order they are sent, leaves junk values out, links an alias's
	 * previous id as an anonymous id and as a user id, and refuses a link that would give
	 * a group two user ids, where a user id that is some alias's previous id does not
	 * count.
	 */
	private static final class RuleKeepingResolver {

		private final UnionFind groups = new UnionFind();

		private final Map<String, Set<String>> userIdsByGroup = new HashMap<>();

		private final Set<String> previousIds = new HashSet<>();

		RuleKeepingResolver(Population population) {
			population.events()
				.stream()
				.map(HardCasesTests::message)
				.filter((message) -> message.path("type").asString().equals("alias"))
				.forEach((alias) -> this.previousIds.add(alias.path("previousId").asString()));
		}

		void read(GeneratedEvent event) {
			JsonNode message = message(event);
			List<String> identifiers = new ArrayList<>(SegmentIdentifiers.of(message)
				.stream()
				.filter((identifier) -> !HardCaseWriter.isJunk(identifier.substring(identifier.indexOf(':') + 1)))
				.toList());
			if (message.path("previousId").isString()) {
				identifiers.add("anonymous_id:" + message.path("previousId").asString());
				identifiers.add("user_id:" + message.path("previousId").asString());
			}
			assertThat(identifiers).as("identifiers of %s", event.messageId()).isNotEmpty();
			// The user id decides first, as the identity rules' priority has it.
			String anchor = identifiers.stream()
				.filter((identifier) -> identifier.startsWith("user_id:"))
				.findFirst()
				.orElse(identifiers.get(0));
			identifiers.forEach((identifier) -> link(anchor, identifier));
			link(anchor, "message:" + event.messageId());
		}

		String groupOf(GeneratedEvent event) {
			return this.groups.find("message:" + event.messageId());
		}

		private void link(String left, String right) {
			String leftGroup = this.groups.find(left);
			String rightGroup = this.groups.find(right);
			if (leftGroup.equals(rightGroup)) {
				return;
			}
			Set<String> userIds = new TreeSet<>(counted(left, leftGroup));
			userIds.addAll(counted(right, rightGroup));
			if (userIds.size() > 1) {
				return;
			}
			this.groups.union(left, right);
			this.userIdsByGroup.remove(leftGroup);
			this.userIdsByGroup.remove(rightGroup);
			this.userIdsByGroup.put(this.groups.find(left), userIds);
		}

		private Set<String> counted(String identifier, String group) {
			Set<String> userIds = this.userIdsByGroup.get(group);
			if (userIds != null) {
				return userIds;
			}
			String value = identifier.substring(identifier.indexOf(':') + 1);
			return (identifier.startsWith("user_id:") && !this.previousIds.contains(value)) ? Set.of(value) : Set.of();
		}

	}

}
