package io.cdp.bench.accuracy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.population.Channel;
import io.cdp.population.Delivery;
import io.cdp.population.GeneratedEvent;
import io.cdp.population.HardCase;
import io.cdp.population.HardCaseKind;
import io.cdp.population.Person;
import io.cdp.population.PersonIdentifier;
import io.cdp.population.Population;
import io.cdp.population.PopulationSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccuracyResultTests {

	private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

	/**
	 * Ann and Bob share a tablet, Cat's events carry junk, Dan is an alias chain, Eve and
	 * Fay are in no hard case.
	 */
	private static final Population POPULATION = population(
			Map.of("ann", 3, "bob", 2, "cat", 2, "dan", 2, "eve", 2, "fay", 1),
			List.of(new HardCase(HardCaseKind.SHARED_DEVICE, List.of("ann", "bob"), List.of()),
					new HardCase(HardCaseKind.JUNK_VALUES, List.of("cat"), List.of()),
					new HardCase(HardCaseKind.ALIAS_CHAIN, List.of("dan"), List.of())));

	/**
	 * Bob's first event joined Ann's profile, Cat is split in two, Dan is whole, and Eve
	 * and Fay share one profile.
	 */
	private static final Map<String, String> PROFILE_BY_EVENT = Map.ofEntries(Map.entry("ann-1", "P1"),
			Map.entry("ann-2", "P1"), Map.entry("ann-3", "P1"), Map.entry("bob-1", "P1"), Map.entry("bob-2", "P2"),
			Map.entry("cat-1", "P3"), Map.entry("cat-2", "P4"), Map.entry("dan-1", "P5"), Map.entry("dan-2", "P5"),
			Map.entry("eve-1", "P6"), Map.entry("eve-2", "P6"), Map.entry("fay-1", "P6"));

	@Test
	void shouldCountPeopleWholeSplitAndMixedForEachKindOfHardCase() {
		AccuracyResult result = AccuracyResult.of(POPULATION, Map.of(), PROFILE_BY_EVENT, 0, 1.5);

		assertThat(result.hardCases()).extracting(HardCaseResult::kind)
			.containsExactly("shared device", "junk values", "alias chain", HardCaseResult.NO_HARD_CASE);
		assertThat(result.hardCases()).extracting(HardCaseResult::cases).containsExactly(1, 1, 1, 0);
		assertThat(result.hardCases()).extracting(HardCaseResult::people).containsExactly(2, 1, 1, 2);
		assertThat(result.hardCases()).extracting(HardCaseResult::peopleWhole).containsExactly(0, 0, 1, 0);
		assertThat(result.hardCases()).extracting(HardCaseResult::peopleSplit).containsExactly(1, 1, 0, 0);
		assertThat(result.hardCases()).extracting(HardCaseResult::peopleMixed).containsExactly(2, 0, 0, 2);
		assertThat(result.peopleWhole()).isEqualTo(1);
		assertThat(result.peopleSplit()).isEqualTo(2);
		assertThat(result.profilesMixed()).isEqualTo(2);
	}

	@Test
	void shouldScoreEachKindOnThePairsThatInvolveItsPeople() {
		AccuracyResult result = AccuracyResult.of(POPULATION, Map.of(), PROFILE_BY_EVENT, 0, 1.5);
		Map<String, PairwiseScore> byKind = new LinkedHashMap<>();
		result.hardCases().forEach((kind) -> byKind.put(kind.kind(), kind.score()));

		// Ann's 3 pairs are found; Bob's b1 with Ann's three makes 3 wrong pairs, his b2
		// is apart.
		PairwiseScore tablet = byKind.get("shared device");
		assertThat(tablet.truePairs()).isEqualTo(4);
		assertThat(tablet.predictedPairs()).isEqualTo(6);
		assertThat(tablet.correctPairs()).isEqualTo(3);
		assertThat(tablet.precision()).isEqualTo(0.5);
		assertThat(tablet.recall()).isEqualTo(0.75);
		assertThat(byKind.get("junk values").recall()).isZero();
		assertThat(byKind.get("junk values").precision()).isEqualTo(1.0);
		assertThat(byKind.get("alias chain").f1()).isEqualTo(1.0);
		assertThat(byKind.get(HardCaseResult.NO_HARD_CASE).precision()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(byKind.get(HardCaseResult.NO_HARD_CASE).recall()).isEqualTo(1.0);
		assertThat(result.score()).isEqualTo(PairwiseScore.of(POPULATION.personIdByMessageId(), PROFILE_BY_EVENT));
	}

	@Test
	void shouldLeaveTheKindsOutOfAPopulationWithoutHardCases() {
		Population ordinary = population(Map.of("eve", 2, "fay", 1), List.of());

		AccuracyResult result = AccuracyResult.of(ordinary, Map.of(), PROFILE_BY_EVENT, 0, 1.5);

		assertThat(result.hardCases()).isEmpty();
		assertThat(result.profilesMixed()).isEqualTo(1);
	}

	private static Population population(Map<String, Integer> eventsByPerson, List<HardCase> hardCases) {
		List<Person> people = new ArrayList<>();
		List<Delivery> deliveries = new ArrayList<>();
		eventsByPerson.keySet().stream().sorted().forEach((person) -> {
			people.add(new Person(person, person, "Doe", person + "@example.com", null, "usr_" + person,
					List.of(new PersonIdentifier(PersonIdentifier.USER_ID, "usr_" + person)), EnumSet.of(Channel.WEB)));
			for (int event = 1; event <= eventsByPerson.get(person); event++) {
				deliveries.add(new Delivery(new GeneratedEvent(person, Channel.WEB, person + "-" + event, "track",
						"Product Viewed", UNTIL.minusSeconds(event), "{}"), 1));
			}
		});
		return new Population(PopulationSettings.of(1, people.size(), UNTIL), people, deliveries, hardCases);
	}

}
