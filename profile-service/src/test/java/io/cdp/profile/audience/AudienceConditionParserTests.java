package io.cdp.profile.audience;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.audience.Condition.All;
import io.cdp.profile.audience.Condition.Any;
import io.cdp.profile.audience.Condition.Channel;
import io.cdp.profile.audience.Condition.ComputedTrait;
import io.cdp.profile.audience.Condition.Consent;
import io.cdp.profile.audience.Condition.Cx;
import io.cdp.profile.audience.Condition.Identifier;
import io.cdp.profile.audience.Condition.Journey;
import io.cdp.profile.audience.Condition.Not;
import io.cdp.profile.audience.Condition.NotPerformed;
import io.cdp.profile.audience.Condition.Performed;
import io.cdp.profile.audience.Condition.Trait;
import io.cdp.profile.audience.EventCounter.PropertyCondition;
import io.cdp.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AudienceConditionParserTests {

	@Test
	void shouldReadTheIssuesTwoExamples() {
		AudienceCondition condition = valid("""
				{"all": [
				  {"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}},
				  {"notPerformed": {"event": "Email Opened", "withinDays": 60}}]}
				""");

		EventCounter orders = new EventCounter("Order Completed", List.of());
		EventCounter opens = new EventCounter("Email Opened", List.of());
		assertThat(condition.root())
			.isEqualTo(new All(List.of(new Performed(orders, 2, -1, 30), new NotPerformed(opens, 60))));
		assertThat(condition.counters()).containsExactlyInAnyOrder(orders, opens);
		assertThat(condition.windowDays()).containsEntry(orders, 30).containsEntry(opens, 60);
	}

	@Test
	void shouldReadTheReadmesExampleAndAnswerItsErrorsAsShown() {
		AudienceCondition example = valid("""
				{"all": [
				  {"trait": "address.city", "op": "eq", "value": "Paris"},
				  {"any": [{"cx": "value.currencies.EUR.lifetimeValue", "op": "gte", "value": 500},
				           {"performed": {"event": "Order Completed", "atLeast": 3, "withinDays": 90,
				                          "where": [{"property": "total", "op": "gte", "value": 100}]}}]},
				  {"journey": {"stage": ["purchase", "retention"], "status": ["at-risk"]}},
				  {"channel": "web", "notSeenForDays": 14},
				  {"identifier": "email"},
				  {"consent": "marketing"},
				  {"not": {"computedTrait": "open_tickets", "op": "gt", "value": 0}}
				]}
				""");
		assertThat(example.counters()).hasSize(1);

		Map<String, String> errors = errors(ContractJson.mapper().readTree("""
				{"all": [{"performed": {"event": "Order Completed", "withinDays": 0}},
				         {"channel": "fax", "seenWithinDays": 7},
				         {"trait": "plan", "op": "matches", "value": "p.*"}]}
				"""));
		assertThat(errors).containsExactly(
				Map.entry("condition.all[0].performed.withinDays", "must be a whole number of days from 1 to 3650"),
				Map.entry("condition.all[1].channel", "must be one of web, mobile, email, support, server, any"),
				Map.entry("condition.all[2].op",
						"must be one of eq, neq, gt, gte, lt, lte, in, notIn, contains, startsWith, exists, missing"));
	}

	@Test
	void shouldReadEveryKindOfCondition() {
		AudienceCondition condition = valid("""
				{"any": [
				  {"trait": "address.city", "op": "eq", "value": "Paris"},
				  {"computedTrait": "orders_90d", "op": "gte", "value": 3},
				  {"journey": {"stage": ["purchase", "retention"]}},
				  {"journey": {"status": ["at-risk", "churned"]}},
				  {"journey": {"stage": ["advocacy"], "status": ["active"]}},
				  {"cx": "satisfaction.npsScore", "op": "lte", "value": 6},
				  {"cx": "value.currencies.EUR.lifetimeValue", "op": "gt", "value": 500.5},
				  {"identifier": "email"},
				  {"channel": "email", "seenWithinDays": 7},
				  {"channel": "any", "notSeenForDays": 30},
				  {"performed": {"event": "Order Completed", "atLeast": 1, "atMost": 5, "withinDays": 90,
				                 "where": [{"property": "total", "op": "gte", "value": 100},
				                           {"property": "currency", "op": "in", "value": ["EUR", "USD"]}]}},
				  {"not": {"consent": "marketing"}}]}
				""");

		List<Condition> items = ((Any) condition.root()).conditions();
		assertThat(items.get(0)).isEqualTo(new Trait(List.of("address", "city"), comparison("eq", "\"Paris\"")));
		assertThat(items.get(1)).isEqualTo(new ComputedTrait("orders_90d", comparison("gte", "3")));
		assertThat(items.get(2)).isEqualTo(new Journey(Set.of("purchase", "retention"), Set.of()));
		assertThat(items.get(3)).isEqualTo(new Journey(Set.of(), Set.of("at-risk", "churned")));
		assertThat(items.get(4)).isEqualTo(new Journey(Set.of("advocacy"), Set.of("active")));
		assertThat(items.get(5)).isEqualTo(new Cx(new CxPath("satisfaction.npsScore", false), comparison("lte", "6")));
		assertThat(items.get(6))
			.isEqualTo(new Cx(new CxPath("value.currencies.EUR.lifetimeValue", false), comparison("gt", "500.5")));
		assertThat(items.get(7)).isEqualTo(new Identifier("email"));
		assertThat(items.get(8)).isEqualTo(new Channel("email", true, 7));
		assertThat(items.get(9)).isEqualTo(new Channel("any", false, 30));
		Performed performed = (Performed) items.get(10);
		assertThat(performed.atLeast()).isEqualTo(1);
		assertThat(performed.atMost()).isEqualTo(5);
		assertThat(performed.withinDays()).isEqualTo(90);
		assertThat(performed.counter().where()).containsExactly(
				new PropertyCondition(List.of("currency"), comparison("in", "[\"EUR\", \"USD\"]")),
				new PropertyCondition(List.of("total"), comparison("gte", "100")));
		assertThat(items.get(11)).isEqualTo(new Not(new Consent("marketing")));
	}

	@Test
	void shouldReadEveryOperator() {
		for (Operator op : Operator.values()) {
			String value = switch (op) {
				case EXISTS, MISSING -> "";
				case IN, NOT_IN -> ", \"value\": [\"a\", 1, true]";
				case GT, GTE, LT, LTE -> ", \"value\": -12.5";
				default -> ", \"value\": \"pro\"";
			};
			AudienceCondition condition = valid(
					"{\"trait\": \"plan\", \"op\": \"" + op.wireName() + "\"" + value + "}");
			assertThat(((Trait) condition.root()).comparison().op()).isEqualTo(op);
		}
	}

	@Test
	void shouldReadPerformedAtLeastOnceWhenNoCountIsGiven() {
		Performed performed = (Performed) valid("{\"performed\": {\"event\": \"Signed Up\", \"withinDays\": 3650}}")
			.root();

		assertThat(performed.atLeast()).isEqualTo(1);
		assertThat(performed.atMost()).isEqualTo(-1);
		Performed atMostOnly = (Performed) valid(
				"{\"performed\": {\"event\": \"Signed Up\", \"atMost\": 0, \"withinDays\": 1}}")
			.root();
		assertThat(atMostOnly.atLeast()).isZero();
		assertThat(atMostOnly.atMost()).isZero();
	}

	@Test
	void shouldWriteTheCanonicalFormThatReadsBackEqual() {
		AudienceCondition condition = valid("""
				{"all": [
				  {"not": {"any": [{"trait": "tags", "op": "contains", "value": "vip"},
				                   {"computedTrait": "ltv", "op": "missing"}]}},
				  {"journey": {"status": ["churned", "at-risk"], "stage": ["purchase"]}},
				  {"cx": "engagement.preferredChannel", "op": "eq", "value": "email"},
				  {"identifier": "phone"}, {"consent": "ads"},
				  {"channel": "web", "notSeenForDays": 14},
				  {"performed": {"event": "Order Completed", "atLeast": 2, "atMost": 9, "withinDays": 30,
				                 "where": [{"property": "total", "op": "gte", "value": 100},
				                           {"property": "items.0.sku", "op": "startsWith", "value": "SKU-"}]}},
				  {"notPerformed": {"event": "Email Opened", "withinDays": 60,
				                    "where": [{"property": "campaign", "op": "exists"}]}}]}
				""");

		JsonNode json = condition.toJson();

		assertThat(ConditionParser.parse(json).orThrow()).isEqualTo(condition);
		assertThat(json.get("all").get(1).toString())
			.isEqualTo("{\"journey\":{\"stage\":[\"purchase\"],\"status\":[\"at-risk\",\"churned\"]}}");
		assertThat(json.get("all").get(6).get("performed").get("where").get(0).get("property").asString())
			.isEqualTo("items.0.sku");
	}

	@Test
	void shouldShareOneCounterBetweenTheSameEventsWrittenInAnotherOrder() {
		AudienceCondition condition = valid(
				"""
						{"any": [
						  {"performed": {"event": "Order Completed", "withinDays": 7,
						                 "where": [{"property": "a", "op": "eq", "value": 1}, {"property": "b", "op": "exists"}]}},
						  {"notPerformed": {"event": "Order Completed", "withinDays": 400,
						                 "where": [{"property": "b", "op": "exists"}, {"property": "a", "op": "eq", "value": 1},
						                           {"property": "a", "op": "eq", "value": 1}]}}]}
						""");

		assertThat(condition.counters()).hasSize(1);
		assertThat(condition.counters().iterator().next().key()).isEqualTo("{\"event\":\"Order Completed\",\"where\":["
				+ "{\"property\":\"a\",\"op\":\"eq\",\"value\":1},{\"property\":\"b\",\"op\":\"exists\"}]}");
		assertThat(condition.windowDays().values()).containsExactly(400);
		assertThat(condition.counters().iterator().next().where()).hasSize(2);
	}

	static Stream<Arguments> invalidConditions() {
		String huge = "x".repeat(100_000);
		// Jackson reads property names of at most 50,000 characters.
		String hugeName = "x".repeat(40_000);
		String manyValues = "[" + String.join(",", Collections.nCopies(10_000, "1")) + "]";
		String manyConditions = "[" + String.join(",", Collections.nCopies(10_000, "{\"identifier\": \"email\"}"))
				+ "]";
		return Stream.of(arguments("[]", "condition"), arguments("\"trait\"", "condition"),
				arguments("42", "condition"), arguments("{}", "condition"),
				arguments("{\"trait\": \"a\", \"identifier\": \"email\", \"op\": \"exists\"}", "condition"),
				arguments("{\"script\": \"java.lang.Runtime.getRuntime()\"}", "condition"),
				arguments("{\"identifier\": \"email\", \"script\": \"1\"}", "condition.script"),
				arguments("{\"identifier\": \"email\", \"" + hugeName + "\": 1}", "condition." + "x".repeat(64) + "…"),
				arguments("{\"identifier\": \"email\", \"a\\u0000b\": 1}", "condition.a?b"),
				arguments("{\"identifier\": \"email\", \"\\ud800\": 1}", "condition.?"),
				arguments("{\"all\": []}", "condition.all"), arguments("{\"all\": {}}", "condition.all"),
				arguments("{\"any\": " + manyConditions + "}", "condition.any"),
				arguments("{\"all\": [{\"identifier\": \"email\"}, 7, {\"consent\": 1}]}", "condition.all[1]",
						"condition.all[2].consent"),
				arguments("{\"not\": [{\"identifier\": \"email\"}]}", "condition.not"),
				arguments("{\"trait\": \"\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"a..b\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"a.b.c.d.e.f.g.h.i\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"" + huge + "\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"a\\u0000\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"\\udc00\", \"op\": \"eq\", \"value\": 1}", "condition.trait"),
				arguments("{\"trait\": \"plan\", \"op\": \"regex\", \"value\": \".*\"}", "condition.op"),
				arguments("{\"trait\": \"plan\", \"op\": {\"$ne\": 1}, \"value\": 1}", "condition.op"),
				arguments("{\"trait\": \"plan\"}", "condition.op"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": {\"a\": 1}}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": \"" + huge + "\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": \"a\\u0000\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": \"\\ud83d\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"gt\", \"value\": \"10\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"gt\", \"value\": 1e400}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"lt\", \"value\": 1e15}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"lt\", \"value\": 0.00000000001}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": "
						+ "123456789012345678901234567890123456789012345678901234567890}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"in\", \"value\": " + manyValues + "}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"in\", \"value\": []}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"notIn\", \"value\": \"pro\"}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"in\", \"value\": [\"a\", [1], null]}", "condition.value[1]",
						"condition.value[2]"),
				arguments("{\"trait\": \"plan\", \"op\": \"startsWith\", \"value\": 1}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"contains\", \"value\": []}", "condition.value"),
				arguments("{\"trait\": \"plan\", \"op\": \"exists\", \"value\": true}", "condition.value"),
				arguments("{\"computedTrait\": \"Orders\", \"op\": \"exists\"}", "condition.computedTrait"),
				arguments("{\"computedTrait\": \"o'; DROP TABLE x\", \"op\": \"exists\"}", "condition.computedTrait"),
				arguments("{\"cx\": \"journey.silentDays\", \"op\": \"gt\", \"value\": 1}", "condition.cx"),
				arguments("{\"cx\": \"value.currencies.eur.lifetimeValue\", \"op\": \"gt\", \"value\": 1}",
						"condition.cx"),
				arguments("{\"cx\": 1, \"op\": \"gt\", \"value\": 1}", "condition.cx"),
				arguments("{\"journey\": {}}", "condition.journey"),
				arguments("{\"journey\": \"purchase\"}", "condition.journey"),
				arguments("{\"journey\": {\"stage\": [\"bought\"]}}", "condition.journey.stage[0]"),
				arguments("{\"journey\": {\"stage\": \"purchase\"}}", "condition.journey.stage"),
				arguments("{\"journey\": {\"status\": [\"gone\"], \"since\": 1}}", "condition.journey.status[0]",
						"condition.journey.since"),
				arguments("{\"identifier\": \"E-mail\"}", "condition.identifier"),
				arguments("{\"identifier\": [\"email\"]}", "condition.identifier"),
				arguments("{\"channel\": \"fax\", \"seenWithinDays\": 1}", "condition.channel"),
				arguments("{\"channel\": \"web\"}", "condition"),
				arguments("{\"channel\": \"web\", \"seenWithinDays\": 1, \"notSeenForDays\": 1}", "condition"),
				arguments("{\"channel\": \"web\", \"seenWithinDays\": 0}", "condition.seenWithinDays"),
				arguments("{\"channel\": \"web\", \"notSeenForDays\": 3651}", "condition.notSeenForDays"),
				arguments("{\"channel\": \"web\", \"notSeenForDays\": 1.5}", "condition.notSeenForDays"),
				arguments("{\"channel\": \"web\", \"notSeenForDays\": \"30\"}", "condition.notSeenForDays"),
				arguments("{\"channel\": \"web\", \"notSeenForDays\": 99999999999999999999999}",
						"condition.notSeenForDays"),
				arguments("{\"performed\": \"Order Completed\"}", "condition.performed"),
				arguments("{\"performed\": {\"withinDays\": 30}}", "condition.performed.event"),
				arguments("{\"performed\": {\"event\": \"Order Completed\"}}", "condition.performed.withinDays"),
				arguments("{\"performed\": {\"event\": \"" + huge + "\", \"withinDays\": 30}}",
						"condition.performed.event"),
				arguments("{\"performed\": {\"event\": \"x\", \"atLeast\": -1, \"withinDays\": 30}}",
						"condition.performed.atLeast"),
				arguments("{\"performed\": {\"event\": \"x\", \"atLeast\": 1000001, \"withinDays\": 30}}",
						"condition.performed.atLeast"),
				arguments("{\"performed\": {\"event\": \"x\", \"atLeast\": 3, \"atMost\": 2, \"withinDays\": 30}}",
						"condition.performed.atMost"),
				arguments("{\"performed\": {\"event\": \"x\", \"withinDays\": 30, \"times\": 2}}",
						"condition.performed.times"),
				arguments("{\"performed\": {\"event\": \"x\", \"withinDays\": 30, \"where\": {\"a\": 1}}}",
						"condition.performed.where"),
				arguments(
						"{\"performed\": {\"event\": \"x\", \"withinDays\": 30, \"where\": [{\"property\": "
								+ "\"total\", \"op\": \"gte\", \"value\": \"a\"}, 5]}}",
						"condition.performed.where[0].value", "condition.performed.where[1]"),
				arguments("{\"notPerformed\": {\"event\": \"x\", \"withinDays\": 0, \"atLeast\": 1}}",
						"condition.notPerformed.withinDays", "condition.notPerformed.atLeast"),
				arguments("{\"consent\": \"Marketing!\"}", "condition.consent"),
				arguments(
						"{\"all\": [{\"trait\": \"a\", \"op\": \"lt\", \"value\": true}, {\"channel\": \"fax\", "
								+ "\"seenWithinDays\": 0}, {\"performed\": {\"event\": \"\", \"withinDays\": 30}}]}",
						"condition.all[0].value", "condition.all[1].channel", "condition.all[1].seenWithinDays",
						"condition.all[2].performed.event"));
	}

	@ParameterizedTest
	@MethodSource("invalidConditions")
	void shouldRefuseAnInvalidConditionNamingEveryFieldAtFault(String json, List<String> fields) {
		Map<String, String> errors = errors(ContractJson.mapper().readTree(json));

		assertThat(errors).as(json.length() > 200 ? json.substring(0, 200) : json).containsOnlyKeys(fields);
	}

	@Test
	void shouldAnswerAProblemNamingEveryFieldForTheApi() {
		ParsedCondition parsed = ConditionParser.parse(ContractJson.mapper().readTree("{\"identifier\": 1}"));

		ProblemException problem = catchThrowableOfType(ProblemException.class, parsed::orThrow);

		assertThat(problem.getStatusCode().value()).isEqualTo(400);
		@SuppressWarnings("unchecked")
		Map<String, String> errors = (Map<String, String>) problem.getBody().getProperties().get("errors");
		assertThat(errors).containsOnlyKeys("condition.identifier");
	}

	@Test
	void shouldNameTheFieldsUnderTheGivenPathAndAnAbsentCondition() {
		assertThat(ConditionParser.parse(null)).isEqualTo(invalidAt("condition"));
		assertThat(ConditionParser.parse(JsonNodeFactory.instance.nullNode(), "audience.condition"))
			.isEqualTo(invalidAt("audience.condition"));
		assertThat(ConditionParser.parse(ContractJson.mapper().readTree("{\"not\": {\"consent\": 1}}"), "body.rule"))
			.isInstanceOfSatisfying(ParsedCondition.Invalid.class,
					(invalid) -> assertThat(invalid.errors()).containsOnlyKeys("body.rule.not.consent"));
	}

	@Test
	void shouldRefuseNestingPastTenLevelsWithoutDescendingFurther() {
		assertThat(ConditionParser.parse(nested(10))).isInstanceOf(ParsedCondition.Valid.class);
		assertThat(errors(nested(11))).containsOnlyKeys("condition" + ".not".repeat(10));
		// Built in memory, deeper than any JSON parser would read: no stack is spent on
		// it.
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThat(errors(nested(200_000))).containsOnlyKeys("condition" + ".not".repeat(10)));
	}

	@Test
	void shouldRefuseMoreThanTwoHundredConditionsInAll() {
		String list = String.join(",", Collections.nCopies(199, "{\"identifier\": \"email\"}"));
		assertThat(ConditionParser.parse(ContractJson.mapper().readTree("{\"all\": [" + list + "]}")))
			.isInstanceOf(ParsedCondition.Valid.class);

		String tooMany = "{\"all\": [{\"any\": [" + list + "]}, {\"identifier\": \"phone\"}]}";
		assertThat(errors(ContractJson.mapper().readTree(tooMany))).containsOnlyKeys("condition.all[0].any[198]");
	}

	@Test
	void shouldListAtMostTwentyProblems() {
		String list = String.join(",", Collections.nCopies(150, "{\"identifier\": 1}"));

		assertThat(errors(ContractJson.mapper().readTree("{\"all\": [" + list + "]}"))).hasSize(20)
			.containsKey("condition.all[0].identifier");
	}

	@Test
	void shouldAnswerEveryHostileInputQuicklyWithoutThrowing() {
		List<String> hostile = List.of("{\"all\": [" + String.join(",", Collections.nCopies(10_000, "[]")) + "]}",
				"{\"trait\": \"a\", \"op\": \"in\", \"value\": [" + "\"" + "y".repeat(300) + "\","
						+ String.join(",", Collections.nCopies(999, "{}")) + "]}",
				"{\"" + "k".repeat(40_000) + "\": {\"\\u0000\": \"\\udfff\"}}",
				"{\"performed\": {\"event\": \"x\", \"atLeast\": 1e308, \"atMost\": -1e308, \"withinDays\": 1e-308}}",
				"{\"trait\": \"a\", \"op\": \"eq\", \"value\": 1E+999999999}",
				"{\"trait\": \"a\", \"op\": \"gte\", \"value\": -0.0}");
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			for (String json : hostile) {
				ParsedCondition parsed = ConditionParser.parse(ContractJson.mapper().readTree(json));
				if (parsed instanceof ParsedCondition.Invalid invalid) {
					assertThat(invalid.errors()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
					invalid.errors().keySet().forEach((key) -> assertThat(key.length()).isLessThan(200));
				}
			}
		});
	}

	private static JsonNode nested(int depth) {
		JsonNode node = ContractJson.mapper().createObjectNode().put("identifier", "email");
		for (int level = 1; level < depth; level++) {
			ObjectNode not = ContractJson.mapper().createObjectNode();
			not.set("not", node);
			node = not;
		}
		return node;
	}

	private static ParsedCondition.Invalid invalidAt(String field) {
		return new ParsedCondition.Invalid(Map.of(field,
				"is required: an object such as {\"all\": [...]} or {\"trait\": \"plan\", \"op\": \"eq\", \"value\": \"pro\"}"));
	}

	static Comparison comparison(String op, String valueJson) {
		return new Comparison(Operator.fromWireName(op), ContractJson.mapper().readTree(valueJson));
	}

	static AudienceCondition valid(String json) {
		ParsedCondition parsed = ConditionParser.parse(ContractJson.mapper().readTree(json));
		assertThat(parsed).as(parsed.toString()).isInstanceOf(ParsedCondition.Valid.class);
		return parsed.orThrow();
	}

	private static Map<String, String> errors(JsonNode json) {
		ParsedCondition parsed = ConditionParser.parse(json);
		assertThat(parsed).isInstanceOf(ParsedCondition.Invalid.class);
		return ((ParsedCondition.Invalid) parsed).errors();
	}

	private static Arguments arguments(String json, String... fields) {
		return Arguments.of(json, List.of(fields));
	}

}
