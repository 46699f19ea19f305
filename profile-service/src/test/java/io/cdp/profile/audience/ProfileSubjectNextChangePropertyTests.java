package io.cdp.profile.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.CxFacts.ActiveDays;
import io.cdp.contract.profile.CxFacts.Answer;
import io.cdp.contract.profile.CxFacts.DayCounts;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of {@link AudienceCondition#nextChange} held against the real derivation of
 * the customer-experience values: for random facts (sightings per channel, interactions
 * per day, active days that set a person's own at-risk threshold, tickets per day), a
 * condition on the journey status, the preferred channel, the tickets of the last 30 days
 * or the channels answers the same from {@code now} until the moment it names.
 */
class ProfileSubjectNextChangePropertyTests {

	private static final Instant BASE = Instant.parse("2026-03-10T00:00:00Z");

	private static final int BASE_DAY = DailyCounts.day(BASE);

	private final CxEvaluator cx = new CxEvaluator(CxProperties.defaults().rules());

	@Test
	void shouldKeepTheAnswerOfAProfileUntilTheNextChange() {
		Random random = new Random(1813);
		int changes = 0;
		for (int run = 0; run < 300; run++) {
			ProfileState state = randomState(random);
			AudienceCondition condition = ConditionParser
				.parse(ContractJson.mapper().readTree(randomCondition(random, 0)))
				.orThrow();
			Instant now = BASE.plusSeconds(random.nextLong(-60 * 86_400L, 60 * 86_400L));
			boolean answer = condition.matches(subject(state, now), now);
			Instant next = condition.nextChange(subject(state, now), now).orElse(now.plus(Duration.ofDays(400)));
			for (Instant moment : AudienceNextChangePropertyTests.moments(random, now, next)) {
				assertThat(condition.matches(subject(state, moment), moment))
					.as("%s for %s at %s, next change %s, asked at %s", condition, state.cx(), moment, next, now)
					.isEqualTo(answer);
			}
			changes += (condition.matches(subject(state, next), next) != answer) ? 1 : 0;
		}
		assertThat(changes).isGreaterThan(30);
	}

	private ProfileSubject subject(ProfileState state, Instant now) {
		return ProfileSubject.of(state, this.cx, Map.of(), EventCounts.NONE, now);
	}

	private static String randomCondition(Random random, int depth) {
		int kind = random.nextInt((depth < 2) ? 6 : 4);
		return switch (kind) {
			case 0 -> "{\"journey\": {\"status\": [\"" + pick(random, "active", "at-risk", "churned") + "\"]}}";
			case 1 -> "{\"cx\": \"engagement.preferredChannel\", \"op\": \"eq\", \"value\": \""
					+ pick(random, "web", "email", "mobile") + "\"}";
			case 2 -> "{\"cx\": \"satisfaction.ticketsLast30Days\", \"op\": \"" + pick(random, "gte", "lt")
					+ "\", \"value\": " + random.nextInt(4) + "}";
			case 3 -> "{\"channel\": \"" + pick(random, "web", "email", "any") + "\", \""
					+ pick(random, "seenWithinDays", "notSeenForDays") + "\": " + (1 + random.nextInt(60)) + "}";
			case 4 -> "{\"not\": " + randomCondition(random, depth + 1) + "}";
			default -> "{\"" + pick(random, "all", "any") + "\": [" + randomCondition(random, depth + 1) + ", "
					+ randomCondition(random, depth + 1) + "]}";
		};
	}

	private static ProfileState randomState(Random random) {
		Map<String, Instant> lastSeen = new TreeMap<>();
		Map<String, DayCounts> recentDays = new TreeMap<>();
		for (String channel : List.of("web", "email", "mobile")) {
			if (random.nextInt(3) > 0) {
				int last = BASE_DAY + random.nextInt(-150, 3);
				lastSeen.put(channel, ConditionEvaluator.dayStart(last).plusSeconds(random.nextInt(86_400)));
				List<Long> counts = new ArrayList<>();
				int length = 1 + random.nextInt(5);
				for (int index = 0; index < length; index++) {
					counts.add((index == 0 || index == length - 1) ? 1L + random.nextInt(3) : random.nextInt(3));
				}
				recentDays.put(channel, new DayCounts(last - length + 1, counts));
			}
		}
		ActiveDays activeDays = null;
		if (random.nextBoolean()) {
			byte[] bits = new byte[1 + random.nextInt(12)];
			random.nextBytes(bits);
			activeDays = new ActiveDays(BASE_DAY - 200 + random.nextInt(100), Base64.getEncoder().encodeToString(bits));
		}
		Map<Integer, Long> tickets = new TreeMap<>();
		for (int ticket = random.nextInt(4); ticket > 0; ticket--) {
			tickets.merge(BASE_DAY + random.nextInt(-40, 3), 1L, Long::sum);
		}
		CxFacts facts = new CxFacts(null,
				new CxFacts.Engagement(lastSeen, recentDays, Map.of(), Map.of(), null, 0, 0, 0, null, activeDays, null),
				new CxFacts.Satisfaction(new Answer(random.nextInt(11), BASE, "m-1"), null, 0, 0, tickets.size(), 0,
						tickets, null),
				Map.of());
		return new ProfileState("p-1", BASE.minus(Duration.ofDays(400)), 1, null, Map.of(), Map.of(), null, null, 0,
				Map.of(), Map.of(), Set.of(), Set.of(), facts, null);
	}

	private static String pick(Random random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
