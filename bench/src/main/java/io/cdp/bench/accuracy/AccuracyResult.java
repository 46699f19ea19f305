package io.cdp.bench.accuracy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.cdp.population.GeneratedEvent;
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
 * @param seconds how long reading the profiles took
 */
public record AccuracyResult(int people, int profiles, int events, int eventsFound, int eventsInTwoProfiles,
		int identifiers, int identifiersNotFound, int peopleWhole, int peopleSplit, int profilesMixed,
		PairwiseScore score, double seconds) {

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
		Map<String, Set<String>> profilesByPerson = new HashMap<>();
		Map<String, Set<String>> peopleByProfile = new HashMap<>();
		int found = 0;
		for (Map.Entry<String, String> entry : personByEvent.entrySet()) {
			String profile = profileByEvent.get(entry.getKey());
			if (profile != null) {
				found++;
				profilesByPerson.computeIfAbsent(entry.getValue(), (person) -> new HashSet<>()).add(profile);
				peopleByProfile.computeIfAbsent(profile, (key) -> new HashSet<>()).add(entry.getValue());
			}
		}
		Map<String, Integer> eventsByPerson = new HashMap<>();
		personByEvent.values().forEach((person) -> eventsByPerson.merge(person, 1, Integer::sum));
		Map<String, Integer> foundByPerson = new HashMap<>();
		personByEvent.forEach((event, person) -> {
			if (profileByEvent.containsKey(event)) {
				foundByPerson.merge(person, 1, Integer::sum);
			}
		});
		int whole = 0;
		int split = 0;
		for (Person person : population.people()) {
			Set<String> profiles = profilesByPerson.getOrDefault(person.personId(), Set.of());
			if (profiles.size() > 1) {
				split++;
			}
			else if (profiles.size() == 1 && peopleByProfile.get(profiles.iterator().next()).size() == 1
					&& foundByPerson.get(person.personId()).equals(eventsByPerson.get(person.personId()))) {
				whole++;
			}
		}
		int identifiers = population.people().stream().mapToInt((person) -> person.identifiers().size()).sum();
		int identifiersFound = profileByIdentifierByPerson.values().stream().mapToInt(Map::size).sum();
		int mixed = (int) peopleByProfile.values().stream().filter((people) -> people.size() > 1).count();
		return new AccuracyResult(population.people().size(), peopleByProfile.size(), personByEvent.size(), found,
				eventsInTwoProfiles, identifiers, identifiers - identifiersFound, whole, split, mixed,
				PairwiseScore.of(personByEvent, profileByEvent), seconds);
	}

}
