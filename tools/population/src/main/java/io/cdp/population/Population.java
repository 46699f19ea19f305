package io.cdp.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A generated population: its people, and every message in the order it reaches the
 * platform, each with the person it belongs to. The deliveries include SDK retries of a
 * message already sent and app events that arrive hours late; {@link #events()} is what
 * happened, once each.
 *
 * @param settings what was generated
 * @param people the people, in index order
 * @param deliveries the messages in the order they are sent
 * @param hardCases the hard cases among the people, in the order of their first person;
 * empty unless the settings ask for them
 */
public record Population(PopulationSettings settings, List<Person> people, List<Delivery> deliveries,
		List<HardCase> hardCases) {

	public Population {
		people = List.copyOf(people);
		deliveries = List.copyOf(deliveries);
		hardCases = List.copyOf(hardCases);
	}

	/**
	 * The hard case each person in one is in.
	 * @return hard case by person id; people in none are left out
	 */
	public Map<String, HardCase> hardCaseByPersonId() {
		Map<String, HardCase> byPerson = new LinkedHashMap<>();
		this.hardCases.forEach((hardCase) -> hardCase.personIds().forEach((id) -> byPerson.put(id, hardCase)));
		return byPerson;
	}

	/**
	 * Every event once, in the order of its first delivery.
	 * @return the distinct events
	 */
	public List<GeneratedEvent> events() {
		Set<String> seen = new HashSet<>();
		List<GeneratedEvent> events = new ArrayList<>();
		for (Delivery delivery : this.deliveries) {
			if (seen.add(delivery.event().messageId())) {
				events.add(delivery.event());
			}
		}
		return events;
	}

	/**
	 * The ground truth: whose each message is.
	 * @return person id by message id
	 */
	public Map<String, String> personIdByMessageId() {
		Map<String, String> truth = new LinkedHashMap<>();
		this.deliveries.forEach((delivery) -> truth.put(delivery.event().messageId(), delivery.event().personId()));
		return truth;
	}

	/**
	 * One person's events in the order they happened.
	 * @param personId the person
	 * @return their events, once each
	 */
	public List<GeneratedEvent> eventsOf(String personId) {
		return this.deliveries.stream()
			.filter((delivery) -> !delivery.isRetry())
			.map(Delivery::event)
			.filter((event) -> event.personId().equals(personId))
			.sorted(Comparator.comparing(GeneratedEvent::occurredAt))
			.toList();
	}

	/**
	 * A person by id.
	 * @param personId the person's id
	 * @return the person
	 * @throws NoSuchElementException if the population has nobody by that id
	 */
	public Person person(String personId) {
		return this.people.stream()
			.filter((person) -> person.personId().equals(personId))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("No person " + personId));
	}

	/**
	 * The person to show in a demo: one in no hard case who met the business on every
	 * channel, and of those the one whose last message is sent last, so that once their
	 * profile is complete the platform has seen the whole population.
	 * @return the person
	 * @throws NoSuchElementException if the population is empty
	 */
	public Person showcase() {
		Map<String, Integer> lastDelivery = new LinkedHashMap<>();
		for (int index = 0; index < this.deliveries.size(); index++) {
			lastDelivery.put(this.deliveries.get(index).event().personId(), index);
		}
		Set<String> inHardCases = hardCaseByPersonId().keySet();
		Comparator<Person> ordinaryFirst = Comparator
			.comparing((Person person) -> !inHardCases.contains(person.personId()));
		Comparator<Person> everyChannelFirst = ordinaryFirst.thenComparing(
				(Person person) -> person.channels().size() == Channel.values().length && person.phone() != null);
		return this.people.stream()
			.max(everyChannelFirst.thenComparing((person) -> lastDelivery.getOrDefault(person.personId(), -1)))
			.orElseThrow(() -> new NoSuchElementException("The population is empty"));
	}

}
