package io.cdp.profile.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.cdp.contract.json.ContractJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random people, conditions and moments: without an event, the answer at any moment
 * from {@code now} up to (not including) {@link AudienceCondition#nextChange} is the
 * answer at {@code now}. The people change by time alone as real ones do: their journey
 * status moves from active to at risk to churned as their silence grows, and their
 * tickets of the last 30 days fall as days pass.
 */
class AudienceNextChangePropertyTests {

	private static final Instant BASE = Instant.parse("2026-03-10T00:00:00Z");

	private static final Duration HORIZON = Duration.ofDays(200);

	@Test
	void shouldKeepTheAnswerUntilTheNextChange() {
		Random random = new Random(18);
		int changes = 0;
		for (int run = 0; run < 600; run++) {
			Person person = Person.random(random);
			AudienceCondition condition = ConditionParser
				.parse(ContractJson.mapper().readTree(randomCondition(random, 0)))
				.orThrow();
			Instant now = BASE.plusSeconds(random.nextLong(-20 * 86_400L, 20 * 86_400L));
			boolean answer = condition.matches(person.at(now), now);
			Instant next = condition.nextChange(person.at(now), now).orElse(now.plus(HORIZON));
			assertThat(next).isAfter(now);
			for (Instant moment : moments(random, now, next)) {
				assertThat(condition.matches(person.at(moment), moment))
					.as("%s for %s at %s, next change %s, asked at %s", condition, person, moment, next, now)
					.isEqualTo(answer);
			}
			changes += (condition.matches(person.at(next), next) != answer) ? 1 : 0;
		}
		// The test is only worth something if the answers do change at the times found.
		assertThat(changes).isGreaterThan(50);
	}

	/**
	 * Moments from now to just before the next change: the edges, midnights and random
	 * ones.
	 */
	static List<Instant> moments(Random random, Instant now, Instant next) {
		List<Instant> moments = new ArrayList<>(List.of(now, next.minusNanos(1), next.minusSeconds(1)));
		Instant midnight = ConditionEvaluator.dayStart(ConditionEvaluator.day(now) + 1);
		for (int day = 0; day < 120 && midnight.isBefore(next); day++) {
			moments.add(midnight);
			moments.add(midnight.minusNanos(1));
			midnight = midnight.plus(Duration.ofDays(1));
		}
		long span = Duration.between(now, next).toSeconds();
		for (int index = 0; index < 10 && span > 0; index++) {
			moments.add(now.plusSeconds(random.nextLong(span)));
		}
		moments.removeIf((moment) -> moment.isBefore(now) || !moment.isBefore(next));
		return moments;
	}

	static String randomCondition(Random random, int depth) {
		int kind = random.nextInt((depth < 3) ? 10 : 7);
		return switch (kind) {
			case 0 -> "{\"channel\": \"" + pick(random, "web", "email", "mobile", "any") + "\", \""
					+ pick(random, "seenWithinDays", "notSeenForDays") + "\": " + (1 + random.nextInt(40)) + "}";
			case 1, 2 -> "{\"performed\": {\"event\": \"" + pick(random, "A", "B") + "\", "
					+ pick(random, "\"atLeast\": " + random.nextInt(5), "\"atMost\": " + random.nextInt(3),
							"\"atLeast\": 1, \"atMost\": " + (1 + random.nextInt(3)))
					+ ", \"withinDays\": " + (1 + random.nextInt(40)) + "}}";
			case 3 -> "{\"notPerformed\": {\"event\": \"" + pick(random, "A", "B") + "\", \"withinDays\": "
					+ (1 + random.nextInt(40)) + "}}";
			case 4 -> "{\"journey\": {\"status\": [\"" + pick(random, "active", "at-risk", "churned") + "\"]}}";
			case 5 -> "{\"cx\": \"satisfaction.ticketsLast30Days\", \"op\": \"" + pick(random, "gte", "lt", "eq")
					+ "\", \"value\": " + random.nextInt(4) + "}";
			case 6 -> "{\"identifier\": \"" + pick(random, "email", "phone") + "\"}";
			case 7 -> "{\"not\": " + randomCondition(random, depth + 1) + "}";
			default -> "{\"" + pick(random, "all", "any") + "\": [" + randomCondition(random, depth + 1) + ", "
					+ randomCondition(random, depth + 1) + "]}";
		};
	}

	private static String pick(Random random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}

	/**
	 * A person's facts, from which their values at any moment follow: at risk after 30
	 * days of silence since their latest sighting, churned after 90.
	 */
	private record Person(Map<String, Instant> lastSeen, Map<String, DailyCounts> counts, DailyCounts tickets,
			boolean email) {

		static Person random(Random random) {
			Map<String, Instant> lastSeen = new TreeMap<>();
			for (String channel : List.of("web", "email", "mobile")) {
				if (random.nextInt(3) > 0) {
					lastSeen.put(channel, BASE.plusSeconds(random.nextLong(-80 * 86_400L, 5 * 86_400L)));
				}
			}
			Map<String, DailyCounts> counts = new TreeMap<>();
			for (String event : List.of("A", "B")) {
				counts.put(event, randomDays(random, -80, 5));
			}
			return new Person(lastSeen, counts, randomDays(random, -50, 2), random.nextBoolean());
		}

		private static DailyCounts randomDays(Random random, int from, int to) {
			DailyCounts days = DailyCounts.EMPTY;
			int events = random.nextInt(6);
			for (int event = 0; event < events; event++) {
				days = days.add(DailyCounts.day(BASE) + random.nextInt(from, to), 1 + random.nextInt(2));
			}
			return days;
		}

		FixedSubject at(Instant now) {
			FixedSubject subject = new FixedSubject();
			subject.lastSeen.putAll(this.lastSeen);
			this.counts.forEach((event, days) -> subject.counts.put(new EventCounter(event, List.of()), days));
			subject.cx.put("satisfaction.ticketsLast30Days",
					ContractJson.mapper()
						.getNodeFactory()
						.numberNode(this.tickets.countSince(DailyCounts.day(now) - 29)));
			if (this.email) {
				subject.identifierTypes.add("email");
			}
			Instant last = this.lastSeen.values().stream().max(Instant::compareTo).orElse(null);
			if (last != null) {
				Instant atRisk = last.plus(Duration.ofDays(30));
				Instant churned = last.plus(Duration.ofDays(90));
				subject.status = now.isBefore(atRisk) ? "active" : now.isBefore(churned) ? "at-risk" : "churned";
				subject.statusChangesAt = now.isBefore(atRisk) ? atRisk : now.isBefore(churned) ? churned : null;
			}
			return subject;
		}

	}

}
