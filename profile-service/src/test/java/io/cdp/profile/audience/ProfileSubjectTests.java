package io.cdp.profile.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.CxFacts.Answer;
import io.cdp.contract.profile.CxFacts.Money;
import io.cdp.contract.profile.CxFacts.Purchases;
import io.cdp.contract.profile.CxFacts.StageSignal;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxProperties;
import org.junit.jupiter.api.Test;

import static io.cdp.profile.audience.AudienceConditionParserTests.valid;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileSubjectTests {

	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	private static final Instant LAST_ACTIVE = Instant.parse("2026-03-01T10:00:00Z");

	private static final EventCounter ORDERS = new EventCounter("Order Completed", List.of());

	private final CxEvaluator cx = new CxEvaluator(CxProperties.defaults().rules());

	@Test
	void shouldReadTraitsIdentifiersAndWhatTheStepHolds() {
		ProfileSubject subject = subject(NOW);

		assertThat(valid("{\"trait\": \"address.city\", \"op\": \"eq\", \"value\": \"Paris\"}").matches(subject, NOW))
			.isTrue();
		assertThat(valid("{\"trait\": \"plan\", \"op\": \"in\", \"value\": [\"pro\", \"team\"]}").matches(subject, NOW))
			.isTrue();
		assertThat(valid("{\"trait\": \"nickname\", \"op\": \"missing\"}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"identifier\": \"email\"}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"identifier\": \"phone\"}").matches(subject, NOW)).isFalse();
		assertThat(valid("{\"consent\": \"marketing\"}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"consent\": \"ads\"}").matches(subject, NOW)).isFalse();
		assertThat(valid("{\"computedTrait\": \"ltv\", \"op\": \"gte\", \"value\": 129.5}").matches(subject, NOW))
			.isTrue();
		assertThat(valid("{\"performed\": {\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 30}}")
			.matches(subject, NOW)).isTrue();
	}

	@Test
	void shouldReadTheCustomerExperienceAsOfTheMoment() {
		ProfileSubject subject = subject(NOW);

		assertThat(subject.journeyStage()).isEqualTo("purchase");
		assertThat(subject.journeyStatus()).isEqualTo("active");
		assertThat(valid("{\"cx\": \"value.orders\", \"op\": \"eq\", \"value\": 2}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"cx\": \"value.currencies.EUR.lifetimeValue\", \"op\": \"gt\", \"value\": 129.49}")
			.matches(subject, NOW)).isTrue();
		assertThat(valid("{\"cx\": \"satisfaction.npsScore\", \"op\": \"lte\", \"value\": 6}").matches(subject, NOW))
			.isTrue();
		assertThat(valid("{\"cx\": \"satisfaction.npsClass\", \"op\": \"eq\", \"value\": \"detractor\"}")
			.matches(subject, NOW)).isTrue();
		assertThat(valid("{\"cx\": \"engagement.preferredChannel\", \"op\": \"eq\", \"value\": \"web\"}")
			.matches(subject, NOW)).isFalse();
		// The latest interaction, on D-9: within the last 10 days, not the last 9.
		assertThat(valid("{\"channel\": \"web\", \"seenWithinDays\": 10}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"channel\": \"any\", \"notSeenForDays\": 9}").matches(subject, NOW)).isTrue();
		assertThat(valid("{\"channel\": \"email\", \"seenWithinDays\": 3650}").matches(subject, NOW)).isFalse();
	}

	@Test
	void shouldWakeAtTheExactMomentTheJourneyStatusChanges() {
		AudienceCondition atRisk = valid("{\"journey\": {\"stage\": [\"purchase\"], \"status\": [\"at-risk\"]}}");
		// Thirty days of silence (the default, with fewer than two active days) and one
		// second.
		Instant crossing = LAST_ACTIVE.plus(Duration.ofDays(30)).plusSeconds(1);

		assertThat(atRisk.nextChange(subject(NOW), NOW)).contains(crossing);
		assertThat(atRisk.matches(subject(crossing.minusNanos(1)), crossing.minusNanos(1))).isFalse();
		assertThat(atRisk.matches(subject(crossing), crossing)).isTrue();
		Instant churned = LAST_ACTIVE.plus(Duration.ofDays(90)).plusSeconds(1);
		assertThat(atRisk.nextChange(subject(crossing), crossing)).contains(churned);
		assertThat(atRisk.matches(subject(churned), churned)).isFalse();
		assertThat(atRisk.nextChange(subject(churned), churned)).isEmpty();
	}

	@Test
	void shouldReadAProfileWithoutFacts() {
		ProfileState empty = ProfileState.empty(new ProfileRef("p-2", NOW));
		ProfileSubject subject = ProfileSubject.of(empty, this.cx, Map.of(), EventCounts.NONE, NOW);

		assertThat(subject.journeyStage()).isNull();
		assertThat(subject.journeyStatus()).isNull();
		assertThat(subject.journeyStatusChangesAt()).isNull();
		assertThat(subject.lastSeen()).isEmpty();
		AudienceCondition lapsed = valid("""
				{"all": [{"channel": "any", "notSeenForDays": 30},
				         {"notPerformed": {"event": "Order Completed", "withinDays": 90}},
				         {"cx": "value.orders", "op": "eq", "value": 0}]}
				""");
		assertThat(lapsed.matches(subject, NOW)).isTrue();
		assertThat(lapsed.nextChange(subject, NOW)).isEmpty();
	}

	private ProfileSubject subject(Instant now) {
		CxFacts.Engagement engagement = new CxFacts.Engagement(Map.of("web", LAST_ACTIVE), Map.of(), Map.of(), Map.of(),
				null, 0, 0, 0, null, null, null);
		CxFacts facts = new CxFacts(
				new Purchases(2, 1, Instant.parse("2026-02-01T10:00:00Z"), Instant.parse("2026-02-20T10:00:00Z"), null,
						Map.of("EUR", new Money(2, "149.5", "20"))),
				engagement,
				new CxFacts.Satisfaction(new Answer(5, LAST_ACTIVE, "m-9"), null, 0, 0, 0, 0, Map.of(), null),
				Map.of("purchase", List.of(new StageSignal(List.of(Instant.parse("2026-02-01T10:00:00Z")), null))));
		Map<String, TraitValue> traits = Map.of("plan", trait("pro"), "address", trait(Map.of("city", "Paris")));
		Map<String, IdentifierRecord> identifiers = Map.of("email:ada@example.com",
				new IdentifierRecord("email", "ada@example.com", LAST_ACTIVE, LAST_ACTIVE, Set.of("web-1")));
		ProfileState state = new ProfileState("p-1", Instant.parse("2026-01-01T00:00:00Z"), 7, null, identifiers,
				traits, LAST_ACTIVE, LAST_ACTIVE, 12, Map.of(), Map.of(), Set.of(), Set.of(), facts, null, null,
				Map.of("marketing", new Consent(true, "web-1", LAST_ACTIVE, "m-2", false), "ads",
						new Consent(false, "web-1", LAST_ACTIVE, "m-3", false)));
		EventCounts counts = EventCounts.of(Map.of(ORDERS, DailyCounts.EMPTY.add(Instant.parse("2026-02-20T10:00:00Z"))
			.add(Instant.parse("2026-03-01T10:00:00Z"))));
		return ProfileSubject.of(state, this.cx, Map.of("ltv", ContractJson.mapper().readTree("129.5")), counts, now);
	}

	private static TraitValue trait(Object value) {
		return new TraitValue(value, "web-1", LAST_ACTIVE, "m-1");
	}

}
