package io.cdp.bench.sustained;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.bench.ingest.EventBodies;
import io.cdp.population.Delivery;
import io.cdp.population.GeneratedEvent;
import io.cdp.population.Person;
import io.cdp.population.Population;
import io.cdp.population.PopulationGenerator;
import io.cdp.population.PopulationSettings;

/**
 * The sustained load's people and the {@code /v1/batch} bodies that carry their events.
 *
 * <p>
 * The people are those of the accuracy population's seed from index {@code offset} on:
 * the population tool derives each person from the seed and their index alone, and keeps
 * emails unique within one population, so people after the accuracy population's (and the
 * demo's, its first ones) share no identifier with them. Each run sends their events
 * under fresh message ids, so the platform does the whole work again rather than
 * deduplicating a replay of an earlier run; an SDK retry keeps the id of the message it
 * repeats.
 *
 * @param people people in the load
 * @param offset the index of the first of them in the seed's population
 * @param events distinct events
 * @param messages messages sent, SDK retries included
 * @param bodies the {@code /v1/batch} bodies, in delivery order
 * @param messageIds every event's fresh message id
 * @param sample the people polled on the profile API, with their events' ids
 * @param truth the load as a population of its own, its events under their fresh ids: the
 * ground truth the accuracy audit scores the load's profiles against
 */
public record SustainedPopulation(int people, int offset, int events, int messages, List<String> bodies,
		List<String> messageIds, List<SampledPerson> sample, Population truth) {

	/** Messages in each {@code /v1/batch} request. */
	public static final int BATCH_SIZE = 100;

	/**
	 * Generates the population and the bodies.
	 * @param seed the accuracy population's seed
	 * @param offset the index of the first person, past the accuracy population
	 * @param people how many people
	 * @param until the population's clock
	 * @param runId the run's id, part of every message id
	 * @param sampleSize how many people to poll
	 * @return the load
	 */
	public static SustainedPopulation generate(long seed, int offset, int people, Instant until, String runId,
			int sampleSize) {
		return of(PopulationGenerator.generate(PopulationSettings.of(seed, offset + people, until)), offset, runId,
				sampleSize);
	}

	/**
	 * The load of a generated population's people from {@code offset} on.
	 * @param population the seed's population, at least {@code offset} people long
	 * @param offset the index of the first person of the load
	 * @param runId the run's id, part of every message id
	 * @param sampleSize how many people to poll
	 * @return the load
	 */
	static SustainedPopulation of(Population population, int offset, String runId, int sampleSize) {
		List<Person> people = population.people().subList(offset, population.people().size());
		Set<String> personIds = new HashSet<>();
		people.forEach((person) -> personIds.add(person.personId()));
		Map<String, String> freshIds = new LinkedHashMap<>();
		Map<String, Set<String>> idsByPerson = new HashMap<>();
		Map<String, Integer> lastDelivery = new HashMap<>();
		List<String> messages = new ArrayList<>();
		List<Delivery> deliveries = new ArrayList<>();
		for (Delivery delivery : population.deliveries()) {
			GeneratedEvent event = delivery.event();
			String personId = event.personId();
			if (!personIds.contains(personId)) {
				continue;
			}
			String id = freshIds.computeIfAbsent(event.messageId(), (original) -> "s-" + runId + "-" + freshIds.size());
			idsByPerson.computeIfAbsent(personId, (key) -> new LinkedHashSet<>()).add(id);
			lastDelivery.put(personId, messages.size());
			String json = EventBodies.withMessageId(event.json(), id);
			messages.add(json);
			deliveries.add(new Delivery(new GeneratedEvent(personId, event.channel(), id, event.type(), event.name(),
					event.occurredAt(), json), delivery.attempt()));
		}
		List<String> bodies = new ArrayList<>();
		for (int from = 0; from < messages.size(); from += BATCH_SIZE) {
			bodies.add("{\"batch\":["
					+ String.join(",", messages.subList(from, Math.min(messages.size(), from + BATCH_SIZE))) + "]}");
		}
		List<SampledPerson> sample = new ArrayList<>();
		for (Person person : sample(people, lastDelivery, sampleSize)) {
			sample.add(new SampledPerson(person.personId(), person.userId(),
					Set.copyOf(idsByPerson.getOrDefault(person.personId(), Set.of()))));
		}
		return new SustainedPopulation(people.size(), offset, freshIds.size(), messages.size(), List.copyOf(bodies),
				List.copyOf(freshIds.values()), List.copyOf(sample),
				new Population(population.settings(), people, deliveries, List.of()));
	}

	/**
	 * Half the sample are the people whose last message is sent last (they are complete
	 * last), the other half spread evenly over the population.
	 */
	static List<Person> sample(List<Person> people, Map<String, Integer> lastDelivery, int size) {
		Set<Person> chosen = new LinkedHashSet<>();
		people.stream()
			.sorted(Comparator.comparing((Person person) -> lastDelivery.getOrDefault(person.personId(), -1))
				.reversed())
			.limit((size + 1) / 2)
			.forEach(chosen::add);
		int spread = size - chosen.size();
		for (int index = 0; index < spread && !people.isEmpty(); index++) {
			chosen.add(people.get((int) ((long) index * people.size() / spread)));
		}
		for (int index = 0; chosen.size() < Math.min(size, people.size()); index++) {
			chosen.add(people.get(index));
		}
		return List.copyOf(chosen);
	}

	/**
	 * A person of the sample.
	 *
	 * @param personId the ground truth's id
	 * @param userId their login id, which finds their profile
	 * @param messageIds the fresh ids of all their events
	 */
	public record SampledPerson(String personId, String userId, Set<String> messageIds) {

	}

}
