package io.cdp.profile.audience;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.cdp.profile.audience.AudienceConditionParserTests.valid;
import static org.assertj.core.api.Assertions.assertThat;

class AudienceConditionEvaluationTests {

	/** Tuesday 2026-03-10, noon UTC: day "D" of the comments. */
	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	private static final Instant TODAY = Instant.parse("2026-03-10T00:00:00Z");

	private final FixedSubject person = person();

	private static FixedSubject person() {
		FixedSubject person = new FixedSubject().trait("plan", "\"pro\"")
			.trait("address", "{\"city\": \"Paris\", \"zip\": \"75001\"}")
			.trait("age", "\"42\"")
			.trait("tags", "[\"vip\", \"beta\"]")
			.trait("score", "7.50")
			.trait("flag", "true")
			.trait("gone", "null")
			.cx("satisfaction.npsScore", "5")
			.cx("value.currencies.EUR.lifetimeValue", "\"129.5\"")
			.cx("satisfaction.ticketsLast30Days", "2")
			// Orders on D-29 (its last second), D-5 and D; an email opened on D-60.
			.count("Order Completed", day(-29).plusSeconds(86_399), 1)
			.count("Order Completed", day(-5), 1)
			.count("Order Completed", NOW, 1)
			.count("Email Opened", day(-60).plusSeconds(3600), 1);
		person.computedTraits.put("orders_90d", AudienceConditionParserTests.comparison("eq", "3").value());
		person.stage = "purchase";
		person.status = "at-risk";
		person.identifierTypes.add("email");
		person.lastSeen.put("web", day(-29).plusSeconds(86_399));
		person.lastSeen.put("email", TODAY);
		person.purposes.add("marketing");
		return person;
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			address.city | eq         | "Paris"           | true
			address.city | eq         | "paris"           | false
			address.zip  | eq         | 75001             | true
			age          | gt         | 40                | true
			age          | eq         | 42.0              | true
			age          | eq         | "42.0"            | true
			age          | lte        | 41.99             | false
			plan         | gt         | 1                 | false
			plan         | eq         | 1                 | false
			plan         | contains   | "r"               | true
			plan         | contains   | "R"               | false
			plan         | startsWith | "p"               | true
			plan         | startsWith | "P"               | false
			plan         | in         | ["basic", "pro"]  | true
			plan         | notIn      | ["basic", "pro"]  | false
			plan         | notIn      | ["basic"]         | true
			plan         | neq        | "pro"             | false
			plan         | exists     |                   | true
			plan         | missing    |                   | false
			tags         | contains   | "vip"             | true
			tags         | contains   | "vi"              | false
			tags         | eq         | "vip"             | false
			tags.1       | eq         | "beta"            | true
			tags.2       | missing    |                   | true
			score        | lte        | 7.5               | true
			score        | lt         | 7.5               | false
			score        | gte        | 7                 | true
			flag         | eq         | true              | true
			flag         | eq         | "true"            | false
			gone         | missing    |                   | true
			gone         | exists     |                   | false
			gone         | neq        | 1                 | true
			nickname     | eq         | "x"               | false
			nickname     | neq        | "x"               | true
			nickname     | notIn      | ["x"]             | true
			nickname     | in         | ["x"]             | false
			nickname     | gt         | 1                 | false
			nickname     | contains   | "x"               | false
			nickname     | missing    |                   | true
			nickname     | exists     |                   | false
			address      | eq         | "Paris"           | false
			""")
	void shouldCompareTraitsAsStated(String path, String op, String value, boolean expected) {
		String valueJson = (value != null) ? ", \"value\": " + value : "";
		AudienceCondition condition = valid("{\"trait\": \"" + path + "\", \"op\": \"" + op + "\"" + valueJson + "}");

		assertThat(condition.matches(this.person, NOW)).isEqualTo(expected);
		assertThat(condition.nextChange(this.person, NOW)).isEmpty();
	}

	@Test
	void shouldCompareComputedTraitsAndCustomerExperienceValues() {
		assertThat(matches("{\"computedTrait\": \"orders_90d\", \"op\": \"gte\", \"value\": 3}")).isTrue();
		assertThat(matches("{\"computedTrait\": \"orders_90d\", \"op\": \"gt\", \"value\": 3}")).isFalse();
		assertThat(matches("{\"computedTrait\": \"unknown\", \"op\": \"missing\"}")).isTrue();
		assertThat(matches("{\"cx\": \"satisfaction.npsScore\", \"op\": \"lte\", \"value\": 6}")).isTrue();
		assertThat(matches("{\"cx\": \"value.currencies.EUR.lifetimeValue\", \"op\": \"gt\", \"value\": 100}"))
			.isTrue();
		assertThat(matches("{\"cx\": \"value.currencies.USD.lifetimeValue\", \"op\": \"gt\", \"value\": 0}")).isFalse();
		assertThat(matches("{\"cx\": \"engagement.unsubscribed\", \"op\": \"eq\", \"value\": true}")).isFalse();
	}

	@Test
	void shouldMatchTheJourneyStageAndStatus() {
		assertThat(matches("{\"journey\": {\"stage\": [\"purchase\", \"retention\"]}}")).isTrue();
		assertThat(matches("{\"journey\": {\"stage\": [\"retention\"]}}")).isFalse();
		assertThat(matches("{\"journey\": {\"status\": [\"at-risk\", \"churned\"]}}")).isTrue();
		assertThat(matches("{\"journey\": {\"stage\": [\"purchase\"], \"status\": [\"active\"]}}")).isFalse();
		this.person.stage = null;
		this.person.status = null;
		assertThat(matches("{\"journey\": {\"stage\": [\"awareness\"]}}")).isFalse();
		assertThat(matches("{\"journey\": {\"status\": [\"active\"]}}")).isFalse();
	}

	@Test
	void shouldMatchIdentifiersConsentAndCombinations() {
		assertThat(matches("{\"identifier\": \"email\"}")).isTrue();
		assertThat(matches("{\"identifier\": \"phone\"}")).isFalse();
		assertThat(matches("{\"consent\": \"marketing\"}")).isTrue();
		assertThat(matches("{\"consent\": \"ads\"}")).isFalse();
		assertThat(matches("{\"not\": {\"consent\": \"ads\"}}")).isTrue();
		assertThat(matches("{\"all\": [{\"identifier\": \"email\"}, {\"consent\": \"ads\"}]}")).isFalse();
		assertThat(matches("{\"any\": [{\"identifier\": \"phone\"}, {\"consent\": \"marketing\"}]}")).isTrue();
		assertThat(matches("{\"any\": [{\"identifier\": \"phone\"}, {\"consent\": \"ads\"}]}")).isFalse();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"channel": "web", "seenWithinDays": 30}      | true
			{"channel": "web", "seenWithinDays": 29}      | false
			{"channel": "web", "notSeenForDays": 30}      | false
			{"channel": "web", "notSeenForDays": 29}      | true
			{"channel": "mobile", "seenWithinDays": 3650} | false
			{"channel": "mobile", "notSeenForDays": 1}    | true
			{"channel": "email", "seenWithinDays": 1}     | true
			{"channel": "any", "seenWithinDays": 1}       | true
			{"channel": "any", "notSeenForDays": 1}       | false
			""")
	void shouldCountChannelWindowsInWholeUtcDays(String json, boolean expected) {
		assertThat(matches(json)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			"atLeast": 2, "withinDays": 30               | true
			"atLeast": 3, "withinDays": 30               | true
			"atLeast": 4, "withinDays": 30               | false
			"atLeast": 2, "withinDays": 29               | true
			"atLeast": 3, "withinDays": 29               | false
			"atLeast": 2, "withinDays": 5                | false
			"atLeast": 2, "withinDays": 6                | true
			"atMost": 2, "withinDays": 30                | false
			"atMost": 2, "withinDays": 6                 | true
			"atLeast": 0, "atMost": 0, "withinDays": 1   | false
			"withinDays": 1                              | true
			""")
	void shouldCountPerformedEventsInTheWindow(String bounds, boolean expected) {
		assertThat(matches("{\"performed\": {\"event\": \"Order Completed\", " + bounds + "}}")).isEqualTo(expected);
	}

	@Test
	void shouldMatchTheIssuesExamplesAtTheEdgesOfTheirWindows() {
		AudienceCondition twoOrders = valid(
				"{\"performed\": {\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 30}}");
		AudienceCondition noOpen = valid("{\"notPerformed\": {\"event\": \"Email Opened\", \"withinDays\": 60}}");
		FixedSubject buyer = new FixedSubject().count("Order Completed", day(-29), 1)
			.count("Order Completed", day(-29).plusSeconds(86_399), 1);
		FixedSubject reader = new FixedSubject().count("Email Opened", day(-59).plusSeconds(86_399), 1);

		// Both orders on D-29: in the window until the last instant of D, out at D+1.
		assertThat(twoOrders.matches(buyer, TODAY)).isTrue();
		assertThat(twoOrders.matches(buyer, day(1).minusNanos(1))).isTrue();
		assertThat(twoOrders.matches(buyer, day(1))).isFalse();
		assertThat(twoOrders.nextChange(buyer, NOW)).contains(day(1));
		// An open on D-59: still within 60 days on D, gone at D+1.
		assertThat(noOpen.matches(reader, day(1).minusNanos(1))).isFalse();
		assertThat(noOpen.matches(reader, day(1))).isTrue();
		assertThat(noOpen.nextChange(reader, NOW)).contains(day(1));
		assertThat(noOpen.nextChange(reader, day(1))).isEmpty();
		// Never opened: matches, and only an event changes that.
		assertThat(noOpen.matches(new FixedSubject(), NOW)).isTrue();
		assertThat(noOpen.nextChange(new FixedSubject(), NOW)).isEmpty();
	}

	@Test
	void shouldCountEventsDatedAfterNowInEveryStartedWindow() {
		FixedSubject early = new FixedSubject().count("Order Completed", day(2), 1);

		assertThat(matches(early, "{\"performed\": {\"event\": \"Order Completed\", \"withinDays\": 1}}")).isTrue();
		assertThat(valid("{\"performed\": {\"event\": \"Order Completed\", \"withinDays\": 1}}").nextChange(early, NOW))
			.contains(day(3));
	}

	@Test
	void shouldMatchNotPerformedOnlyWithoutAnEventInTheWindow() {
		assertThat(matches("{\"notPerformed\": {\"event\": \"Email Opened\", \"withinDays\": 60}}")).isTrue();
		assertThat(matches("{\"notPerformed\": {\"event\": \"Email Opened\", \"withinDays\": 61}}")).isFalse();
		assertThat(matches("{\"notPerformed\": {\"event\": \"Order Completed\", \"withinDays\": 1}}")).isFalse();
		assertThat(matches("{\"notPerformed\": {\"event\": \"Signed Up\", \"withinDays\": 3650}}")).isTrue();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"channel": "web", "seenWithinDays": 30}                                              | 1
			{"channel": "web", "notSeenForDays": 30}                                              | 1
			{"channel": "web", "seenWithinDays": 29}                                              |
			{"channel": "email", "seenWithinDays": 7}                                             | 7
			{"channel": "mobile", "notSeenForDays": 7}                                            |
			{"channel": "any", "notSeenForDays": 7}                                               | 7
			{"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}           | 1
			{"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 29}}           | 24
			{"performed": {"event": "Order Completed", "atLeast": 5, "withinDays": 30}}           |
			{"performed": {"event": "Order Completed", "atLeast": 5, "atMost": 9, "withinDays": 30}} | 1
			{"performed": {"event": "Order Completed", "atLeast": 0, "withinDays": 30}}           |
			{"performed": {"event": "Signed Up", "atMost": 0, "withinDays": 30}}                  |
			{"notPerformed": {"event": "Email Opened", "withinDays": 60}}                         |
			{"notPerformed": {"event": "Email Opened", "withinDays": 61}}                         | 1
			{"notPerformed": {"event": "Order Completed", "withinDays": 3}}                       | 3
			{"cx": "satisfaction.ticketsLast30Days", "op": "gt", "value": 1}                      | 1
			{"cx": "satisfaction.npsScore", "op": "gt", "value": 1}                               |
			{"journey": {"stage": ["purchase"]}}                                                  |
			{"not": {"all": [{"identifier": "email"}, {"channel": "email", "seenWithinDays": 7}]}} | 7
			{"any": [{"channel": "email", "seenWithinDays": 7}, {"channel": "any", "seenWithinDays": 2}]} | 2
			""")
	void shouldFindWhenTheAnswerNextChangesByTime(String json, Integer daysAfterToday) {
		Optional<Instant> expected = Optional.ofNullable(daysAfterToday).map(AudienceConditionEvaluationTests::day);

		assertThat(valid(json).nextChange(this.person, NOW)).isEqualTo(expected);
	}

	@Test
	void shouldWakeWhenTheJourneyStatusChanges() {
		this.person.statusChangesAt = NOW.plus(Duration.ofHours(3));
		AudienceCondition atRisk = valid("{\"journey\": {\"status\": [\"at-risk\"]}}");

		assertThat(atRisk.nextChange(this.person, NOW)).contains(NOW.plus(Duration.ofHours(3)));
		assertThat(atRisk.nextChange(this.person, NOW.plus(Duration.ofHours(4)))).isEmpty();
		assertThat(valid("{\"all\": [{\"journey\": {\"status\": [\"at-risk\"]}}, {\"channel\": \"web\", "
				+ "\"seenWithinDays\": 30}]}")
			.nextChange(this.person, NOW)).contains(NOW.plus(Duration.ofHours(3)));
	}

	@Test
	void shouldWakeAtTheNextMidnightWhenTheSubjectCannotTellTheFirstCountedDay() {
		FixedSubject countsOnly = new FixedSubject().count("Order Completed", day(-20), 2);
		FixedSubject plain = new FixedSubject().count("Order Completed", day(-20), 2);
		plain.tellsFirstCountedDay = false;
		AudienceCondition condition = valid(
				"{\"performed\": {\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 30}}");

		assertThat(condition.nextChange(countsOnly, NOW)).contains(day(10));
		assertThat(condition.nextChange(plain, NOW)).contains(day(1));
	}

	@Test
	void shouldCountOnlyTheEventsACounterDeclares() {
		AudienceCondition condition = valid("""
				{"performed": {"event": "Order Completed", "withinDays": 30,
				               "where": [{"property": "total", "op": "gte", "value": 100},
				                         {"property": "items.0.sku", "op": "startsWith", "value": "SKU-"}]}}
				""");
		EventCounter counter = condition.counters().iterator().next();
		Map<String, Object> big = Map.of("total", 150, "items", List.of(Map.of("sku", "SKU-1")));

		assertThat(counter.counts("Order Completed", big)).isTrue();
		assertThat(
				counter.counts("Order Completed", Map.of("total", "150.00", "items", List.of(Map.of("sku", "SKU-2")))))
			.isTrue();
		assertThat(counter.counts("Order Completed", Map.of("total", "99", "items", List.of(Map.of("sku", "SKU-1")))))
			.isFalse();
		assertThat(counter.counts("Order Completed", Map.of("items", List.of(Map.of("sku", "SKU-1"))))).isFalse();
		assertThat(counter.counts("Order Completed", Map.of("total", 150, "items", List.of()))).isFalse();
		assertThat(counter.counts("Order Refunded", big)).isFalse();
		assertThat(counter.counts(null, big)).isFalse();
	}

	private boolean matches(String json) {
		return matches(this.person, json);
	}

	private static boolean matches(AudienceSubject subject, String json) {
		return valid(json).matches(subject, NOW);
	}

	private static Instant day(int offset) {
		return TODAY.plus(Duration.ofDays(offset));
	}

}
