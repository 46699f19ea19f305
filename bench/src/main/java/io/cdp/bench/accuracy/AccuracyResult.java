package io.cdp.bench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.population.GeneratedEvent;
import io.cdp.population.HardCase;
import io.cdp.population.HardCaseKind;
import io.cdp.population.Person;
import io.cdp.population.Population;

/**
 * How well identity resolution grouped a population's events into profiles.
 *
 * @param people people in the population
 * @param profiles distinct profiles that hold the population's events
 * @param events the population's distinct events
 * @param eventsFound events found in some profile's history
 * @param eventsInTwoProfiles events found in the histories of two surviving profiles
 * (none expected)
 * @param identifiers identifiers looked up
 * @param identifiersNotFound identifiers the lookup answered 404 for
 * @param peopleWhole people whose every event is in one profile that holds nobody else's
 * @param peopleSplit people whose events are in more than one profile
 * @param profilesMixed profiles that hold events of more than one person
 * @param score the pairwise precision, recall and F1
 * @param hardCases per kind of hard case in the population, the same figures for its
 * people, then for the people in none; empty when the population has no hard cases
 * @param seconds how long reading the profiles took
 */
public record AccuracyResult(int people, int profiles, int events, int eventsFound, int eventsInTwoProfiles,
		int identifiers, int identifiersNotFound, int peopleWhole, int peopleSplit, int profilesMixed,
		PairwiseScore score, List<HardCaseResult> hardCases, double seconds) {

	public AccuracyResult {
		hardCases = List.copyOf(hardCases);
	}

	/**
	 * Scores what the audit read.
	 * @param population the population and its truth
	 * @param profileByIdentifierByPerson per person, each identifier's profile id
	 * @param profileByEvent each event found, with the profile holding it
	 * @param eventsInTwoProfiles events found in two surviving profiles
	 * @param seconds how long the audit took
	 * @return the result
	 */
	static AccuracyResult of(Population population, Map<String, Map<String, String>> profileByIdentifierByPerson,
			Map<String, String> profileByEvent, int eventsInTwoProfiles, double seconds) {
		Map<String, String> personByEvent = new HashMap<>();
		for (GeneratedEvent event : population.events()) {
			personByEvent.put(event.messageId(), event.personId());
		}
		Placement placement = new Placement(personByEvent, profileByEvent);
		int whole = 0;
		int split = 0;
		for (Person person : population.people()) {
			whole += placement.whole(person.personId()) ? 1 : 0;
			split += placement.split(person.personId()) ? 1 : 0;
		}
		int identifiers = population.people().stream().mapToInt((person) -> person.identifiers().size()).sum();
		int identifiersFound = profileByIdentifierByPerson.values().stream().mapToInt(Map::size).sum();
		return new AccuracyResult(population.people().size(), placement.profiles(), personByEvent.size(),
				placement.eventsFound(), eventsInTwoProfiles, identifiers, identifiers - identifiersFound, whole, split,
				placement.profilesMixed(), PairwiseScore.of(personByEvent, profileByEvent),
				hardCases(population, personByEvent, profileByEvent, placement), seconds);
	}

	/**
	 * Each kind of hard case the population has, then the people in none, so that a
	 * failing kind stands out against the ordinary people.
	 */
	private static List<HardCaseResult> hardCases(Population population, Map<String, String> personByEvent,
			Map<String, String> profileByEvent, Placement placement) {
		List<HardCaseResult> results = new ArrayList<>();
		if (population.hardCases().isEmpty()) {
			return results;
		}
		for (HardCaseKind kind : HardCaseKind.values()) {
			List<HardCase> cases = population.hardCases()
				.stream()
				.filter((hardCase) -> hardCase.kind() == kind)
				.toList();
			if (!cases.isEmpty()) {
				Set<String> people = new HashSet<>();
				cases.forEach((hardCase) -> people.addAll(hardCase.personIds()));
				results.add(HardCaseResult.of(kind.label(), kind.description(), cases.size(), people, personByEvent,
						profileByEvent, placement));
			}
		}
		Set<String> ordinary = new HashSet<>();
		population.people().forEach((person) -> ordinary.add(person.personId()));
		ordinary.removeAll(population.hardCaseByPersonId().keySet());
		results.add(HardCaseResult.of(HardCaseResult.NO_HARD_CASE, "the rest of the population", 0, ordinary,
				personByEvent, profileByEvent, placement));
		return results;
	}

}
