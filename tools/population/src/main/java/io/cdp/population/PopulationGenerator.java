package io.cdp.population;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.cdp.population.JourneyWriter.Draft;
import io.cdp.population.JourneyWriter.Journey;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a {@link Population}. Each person gets a random stream of their own, seeded
 * by the population's seed and their index, so adding people never changes the ones
 * before them. A journey is written on its own clock, then placed at a random start
 * within the history so that it ends by {@code until}; the population's messages are then
 * interleaved in the order they reach the platform.
 */
public final class PopulationGenerator {

	private PopulationGenerator() {
	}

	/**
	 * Generates the population the settings describe.
	 * @param settings what to generate
	 * @return the population, with its ground truth
	 */
	public static Population generate(PopulationSettings settings) {
		List<Person> people = new ArrayList<>(settings.people());
		List<Scheduled> scheduled = new ArrayList<>();
		Set<String> takenEmails = new HashSet<>();
		for (int index = 0; index < settings.people(); index++) {
			SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index);
			Identity who = Identity.create(settings.seed(), index, random, takenEmails);
			Journey journey = new JourneyWriter(settings.seed(), who, random, settings.offlineRate()).write();
			people.add(new Person(who.personId(), who.firstName(), who.lastName(), who.email(),
					journey.identifiers().contains(new PersonIdentifier(PersonIdentifier.PHONE, who.phone()))
							? who.phone() : null,
					who.userId(), List.copyOf(journey.identifiers()), journey.channels()));
			schedule(settings, who, journey, random, scheduled);
		}
		scheduled.sort(Comparator.comparingLong(Scheduled::deliveredAt)
			.thenComparingInt(Scheduled::person)
			.thenComparingInt(Scheduled::sequence)
			.thenComparingInt((delivery) -> delivery.delivery().attempt()));
		return new Population(settings, people, scheduled.stream().map(Scheduled::delivery).toList());
	}

	/**
	 * Places the journey in time, ending by {@code until} (compressed if it is longer
	 * than the history), and sends each message once, or twice when the SDK retries it.
	 */
	private static void schedule(PopulationSettings settings, Identity who, Journey journey, SplittableRandom random,
			List<Scheduled> scheduled) {
		List<Draft> drafts = journey.drafts();
		long span = drafts.get(drafts.size() - 1).at();
		long history = settings.history().toMillis();
		double scale = Math.min(1.0, 0.9 * history / Math.max(1, span));
		long latestStart = settings.until().toEpochMilli() - Math.round(span * scale);
		long earliestStart = settings.until().toEpochMilli() - history;
		long start = earliestStart + random.nextLong(Math.max(1, latestStart - earliestStart));
		for (int sequence = 0; sequence < drafts.size(); sequence++) {
			Draft draft = drafts.get(sequence);
			Instant occurredAt = Instant.ofEpochMilli(start + Math.round(draft.at() * scale));
			ObjectNode message = draft.message();
			message.put("timestamp", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
			GeneratedEvent event = new GeneratedEvent(who.personId(), draft.channel(), draft.messageId(), draft.type(),
					draft.name(), occurredAt, SegmentMessages.JSON.writeValueAsString(message));
			long deliveredAt = occurredAt.toEpochMilli() + (draft.deliverAt() - draft.at());
			scheduled.add(new Scheduled(deliveredAt, who.index(), sequence, new Delivery(event, 1)));
			if (random.nextDouble() < settings.retryRate()) {
				long retryAfter = 2_000 + random.nextLong(90_000);
				scheduled.add(new Scheduled(deliveredAt + retryAfter, who.index(), sequence, new Delivery(event, 2)));
			}
		}
	}

	private record Scheduled(long deliveredAt, int person, int sequence, Delivery delivery) {

	}

}
