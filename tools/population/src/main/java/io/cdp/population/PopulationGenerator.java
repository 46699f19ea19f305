package io.cdp.population;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.cdp.population.HardCasePlan.PlannedCase;
import io.cdp.population.HardCaseWriter.Written;
import io.cdp.population.JourneyWriter.Draft;
import io.cdp.population.JourneyWriter.Journey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a {@link Population}. Each person gets a random stream of their own, seeded
 * by the population's seed and their index, so adding people never changes the ones
 * before them. A journey is written on its own clock, then placed at a random start
 * within the history so that it ends by {@code until}; the population's messages are then
 * interleaved in the order they reach the platform.
 *
 * <p>
 * When the settings ask for hard cases, the people {@link HardCasePlan} picks get the
 * case's events added to their journey from a random stream of their own, so that
 * everyone else, and the people's identities, stay exactly as without hard cases. The
 * messages of a person in an alias chain reach the platform in a random or the reverse
 * order, whatever order they happened in. What a customer-experience view reads (time
 * zones, currencies, refunds, NPS answers, reviews, unsubscribes, open tickets, failed
 * payments) is added the same way by {@link ExperienceWriter}, for everyone.
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
		List<PlannedCase> plan = HardCasePlan.of(settings);
		Map<Integer, PlannedCase> caseByMember = new HashMap<>();
		plan.forEach((planned) -> planned.members().forEach((member) -> caseByMember.put(member, planned)));
		Map<Integer, Set<PersonIdentifier>> caseIdentifiers = new HashMap<>();
		for (int index = 0; index < settings.people(); index++) {
			SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index);
			Identity who = Identity.create(settings.seed(), index, random, takenEmails);
			Journey journey = new JourneyWriter(settings.seed(), who, random, settings.offlineRate()).write();
			journey = new ExperienceWriter(settings.seed(), who,
					new SplittableRandom(settings.seed() * 0xD1B54A32D192ED03L + index), journey)
				.write();
			PlannedCase planned = caseByMember.get(index);
			SplittableRandom hardRandom = null;
			if (planned != null) {
				hardRandom = new SplittableRandom(settings.seed() * 0xBF58476D1CE4E5B9L + index);
				Written written = new HardCaseWriter(settings.seed(), who, hardRandom, journey).write(planned);
				journey = written.journey();
				caseIdentifiers.computeIfAbsent(planned.number(), (number) -> new TreeSet<>())
					.addAll(written.caseIdentifiers());
			}
			people.add(new Person(who.personId(), who.firstName(), who.lastName(), who.email(),
					journey.identifiers().contains(new PersonIdentifier(PersonIdentifier.PHONE, who.phone()))
							? who.phone() : null,
					who.userId(), List.copyOf(journey.identifiers()), journey.channels()));
			boolean outOfOrder = planned != null && planned.kind() == HardCaseKind.ALIAS_CHAIN;
			schedule(settings, who, journey, random, outOfOrder ? hardRandom : null, scheduled);
		}
		scheduled.sort(Comparator.comparingLong(Scheduled::deliveredAt)
			.thenComparingInt(Scheduled::person)
			.thenComparingInt(Scheduled::sequence)
			.thenComparingInt((delivery) -> delivery.delivery().attempt()));
		List<HardCase> hardCases = plan.stream()
			.map((planned) -> new HardCase(planned.kind(),
					planned.members().stream().map((member) -> people.get(member).personId()).toList(),
					List.copyOf(caseIdentifiers.getOrDefault(planned.number(), Set.of()))))
			.toList();
		return new Population(settings, people, scheduled.stream().map(Scheduled::delivery).toList(), hardCases);
	}

	/**
	 * Places the journey in time, ending by {@code until} (compressed if it is longer
	 * than the history), and sends each message once, or twice when the SDK retries it.
	 * With {@code reorder}, the journey's sending times are dealt out again: in the
	 * reverse order of what happened, one time in three, else at random.
	 */
	private static void schedule(PopulationSettings settings, Identity who, Journey journey, SplittableRandom random,
			@Nullable SplittableRandom reorder, List<Scheduled> scheduled) {
		List<Draft> drafts = journey.drafts();
		long span = drafts.get(drafts.size() - 1).at();
		long history = settings.history().toMillis();
		double scale = Math.min(1.0, 0.9 * history / Math.max(1, span));
		long latestStart = settings.until().toEpochMilli() - Math.round(span * scale);
		long earliestStart = settings.until().toEpochMilli() - history;
		long start = earliestStart + random.nextLong(Math.max(1, latestStart - earliestStart));
		List<Instant> occurredAt = new ArrayList<>(drafts.size());
		long[] deliveredAt = new long[drafts.size()];
		for (int sequence = 0; sequence < drafts.size(); sequence++) {
			Draft draft = drafts.get(sequence);
			occurredAt.add(Instant.ofEpochMilli(start + Math.round(draft.at() * scale)));
			deliveredAt[sequence] = occurredAt.get(sequence).toEpochMilli() + (draft.deliverAt() - draft.at());
		}
		if (reorder != null) {
			deal(deliveredAt, reorder);
		}
		for (int sequence = 0; sequence < drafts.size(); sequence++) {
			Draft draft = drafts.get(sequence);
			ObjectNode message = draft.message();
			message.put("timestamp", occurredAt.get(sequence).truncatedTo(ChronoUnit.MILLIS).toString());
			GeneratedEvent event = new GeneratedEvent(who.personId(), draft.channel(), draft.messageId(), draft.type(),
					draft.name(), occurredAt.get(sequence), SegmentMessages.JSON.writeValueAsString(message));
			scheduled.add(new Scheduled(deliveredAt[sequence], who.index(), sequence, new Delivery(event, 1)));
			if (random.nextDouble() < settings.retryRate()) {
				long retryAfter = 2_000 + random.nextLong(90_000);
				scheduled.add(new Scheduled(deliveredAt[sequence] + retryAfter, who.index(), sequence,
						new Delivery(event, 2)));
			}
		}
	}

	/**
	 * Deals the sending times out again over the messages, which are in the order they
	 * happened: the earliest time to the last message when reversed, else to a random
	 * one.
	 */
	private static void deal(long[] deliveredAt, SplittableRandom random) {
		long[] times = deliveredAt.clone();
		Arrays.sort(times);
		boolean reverse = random.nextInt(3) == 0;
		for (int index = 0; index < times.length; index++) {
			deliveredAt[index] = times[times.length - 1 - index];
		}
		if (!reverse) {
			for (int index = deliveredAt.length - 1; index > 0; index--) {
				int other = random.nextInt(index + 1);
				long swapped = deliveredAt[index];
				deliveredAt[index] = deliveredAt[other];
				deliveredAt[other] = swapped;
			}
		}
	}

	private record Scheduled(long deliveredAt, int person, int sequence, Delivery delivery) {

	}

}
