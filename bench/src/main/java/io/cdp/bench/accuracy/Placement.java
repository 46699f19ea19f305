package io.cdp.bench.accuracy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each person's events ended: in which profiles, beside whose events, and how many
 * were found at all. The per-person verdicts of the accuracy result come from here.
 */
final class Placement {

	private final Map<String, Set<String>> profilesByPerson = new HashMap<>();

	private final Map<String, Set<String>> peopleByProfile = new HashMap<>();

	private final Map<String, Integer> eventsByPerson = new HashMap<>();

	private final Map<String, Integer> foundByPerson = new HashMap<>();

	private int eventsFound;

	Placement(Map<String, String> personByEvent, Map<String, String> profileByEvent) {
		personByEvent.forEach((event, person) -> {
			this.eventsByPerson.merge(person, 1, Integer::sum);
			String profile = profileByEvent.get(event);
			if (profile != null) {
				this.eventsFound++;
				this.foundByPerson.merge(person, 1, Integer::sum);
				this.profilesByPerson.computeIfAbsent(person, (key) -> new HashSet<>()).add(profile);
				this.peopleByProfile.computeIfAbsent(profile, (key) -> new HashSet<>()).add(person);
			}
		});
	}

	/** Every event of the person in one profile that holds nobody else's. */
	boolean whole(String person) {
		Set<String> profiles = this.profilesByPerson.getOrDefault(person, Set.of());
		return profiles.size() == 1 && this.peopleByProfile.get(profiles.iterator().next()).size() == 1
				&& this.foundByPerson.get(person).equals(this.eventsByPerson.get(person));
	}

	/** The person's events in more than one profile. */
	boolean split(String person) {
		return this.profilesByPerson.getOrDefault(person, Set.of()).size() > 1;
	}

	/** Some profile holding the person's events holds another person's too. */
	boolean mixed(String person) {
		return this.profilesByPerson.getOrDefault(person, Set.of())
			.stream()
			.anyMatch((profile) -> this.peopleByProfile.get(profile).size() > 1);
	}

	int profiles() {
		return this.peopleByProfile.size();
	}

	int profilesMixed() {
		return (int) this.peopleByProfile.values().stream().filter((people) -> people.size() > 1).count();
	}

	int eventsFound() {
		return this.eventsFound;
	}

}
