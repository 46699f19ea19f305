package io.cdp.profile.computed;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.computed.TraitDefinition.Aggregate;
import io.cdp.profile.computed.TraitDefinition.Operator;
import io.cdp.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TraitDefinitionParserTests {

	@Test
	void shouldReadAFullDefinition() {
		TraitDefinition definition = parse("""
				{"name": "big_orders_90d", "aggregate": "sum", "property": "properties.total",
				 "window": {"days": 90},
				 "filter": {"events": ["Order Completed"], "types": ["TRACK"], "channels": ["web", "mobile"],
				            "conditions": [{"property": "properties.currency", "op": "eq", "value": "EUR"},
				                           {"property": "properties.total", "op": "gte", "value": 100},
				                           {"property": "context.campaign.source", "op": "exists"},
				                           {"property": "properties.tags", "op": "contains", "value": "vip"},
				                           {"property": "properties.plan", "op": "in", "value": ["pro", 3, true]}]}}
				""");

		assertThat(definition.name()).isEqualTo("big_orders_90d");
		assertThat(definition.aggregate()).isEqualTo(Aggregate.SUM);
		assertThat(definition.property()).containsExactly("properties", "total");
		assertThat(definition.windowDays()).isEqualTo(90);
		assertThat(definition.events()).containsExactly("Order Completed");
		assertThat(definition.types()).containsExactly("track");
		assertThat(definition.channels()).containsExactly("web", "mobile");
		assertThat(definition.conditions()).extracting(TraitDefinition.Condition::op)
			.containsExactly(Operator.EQ, Operator.GTE, Operator.EXISTS, Operator.CONTAINS, Operator.IN);
		assertThat(definition.conditions().get(2).property()).containsExactly("context", "campaign", "source");
		// What is stored reads back as the same definition.
		assertThat(TraitDefinitionParser.parse(definition.toJson())).isEqualTo(definition);
	}

	@Test
	void shouldTakeEveryAggregateAndACountWithoutProperty() {
		for (Aggregate aggregate : Aggregate.values()) {
			TraitDefinition definition = parse("{\"name\": \"t\", \"aggregate\": \"" + aggregate.wireName()
					+ "\", \"property\": \"properties.x\"}");
			assertThat(definition.aggregate()).isEqualTo(aggregate);
		}
		TraitDefinition count = parse("{\"name\": \"visits\", \"aggregate\": \"count\"}");
		assertThat(count.property()).isNull();
		assertThat(count.windowDays()).isNull();
		assertThat(count.conditions()).isEmpty();
	}

	@Test
	void shouldTakeQuotesAndUnicodeInPathsAndValuesAsPlainData() {
		TraitDefinition definition = parse("""
				{"name": "odd", "aggregate": "last", "property": "properties.it's \\"quoted\\"",
				 "filter": {"events": ["'; DROP TABLE profile.events; --", "Bestellung abgeschlossen ✓ 🛒"],
				            "conditions": [{"property": "properties.$x[0]", "op": "eq",
				                            "value": "') OR 1=1 --"}]}}
				""");

		assertThat(definition.property()).containsExactly("properties", "it's \"quoted\"");
		assertThat(definition.events()).contains("'; DROP TABLE profile.events; --");
		assertThat(definition.conditions().get(0).value().asString()).isEqualTo("') OR 1=1 --");
	}

	static Stream<Arguments> invalidDefinitions() {
		String many = "[" + String.join(",", java.util.Collections.nCopies(10_000, "\"Order Completed\"")) + "]";
		String manyNumbers = "[" + String.join(",", java.util.Collections.nCopies(10_000, "1")) + "]";
		String huge = "x".repeat(100_000);
		return Stream.of(arguments("[]", "body"), arguments("\"count\"", "body"), arguments("{}", "name", "aggregate"),
				arguments("{\"name\": \"Orders\", \"aggregate\": \"count\"}", "name"),
				arguments("{\"name\": \"o'; DROP TABLE x; --\", \"aggregate\": \"count\"}", "name"),
				arguments("{\"name\": \"" + huge + "\", \"aggregate\": \"count\"}", "name"),
				arguments("{\"name\": \"é\", \"aggregate\": \"count\"}", "name"),
				arguments("{\"name\": 42, \"aggregate\": \"count\"}", "name"),
				arguments("{\"name\": \"t\", \"aggregate\": \"median\"}", "aggregate"),
				arguments("{\"name\": \"t\", \"aggregate\": {\"$eval\": \"1\"}}", "aggregate"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\"}", "property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"total\"}", "property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties\"}", "property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties..total\"}", "property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties.a.b.c.d.e.f.g.h\"}",
						"property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties.a\\u0000b\"}",
						"property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties.\\ud800\"}",
						"property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties." + huge + "\"}",
						"property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": {\"path\": \"x\"}}", "property"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": 0}}", "window.days"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": 3651}}", "window.days"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": \"30\"}}", "window.days"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": 1e400}}", "window.days"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": 7, \"hours\": 1}}",
						"window.hours"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": 30}", "window"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"events\": " + many + "}}",
						"filter.events"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"events\": [\"" + huge + "\"]}}",
						"filter.events[0]"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"events\": [{\"a\": 1}]}}",
						"filter.events[0]"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"events\": \"Signed Up\"}}",
						"filter.events"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"channels\": [\"fax\"]}}",
						"filter.channels[0]"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"types\": [\"'; --\"]}}",
						"filter.types[0]"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"where\": \"1=1\"}}",
						"filter.where"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"eq\", \"value\": {\"nested\": [1, 2]}}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"gt\", \"value\": \"10\"}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"gt\", \"value\": 1e400}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"lte\", \"value\": 12345678901234567}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"in\", \"value\": " + manyNumbers + "}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"in\", \"value\": [[1]]}]}}",
						"filter.conditions[0].value[0]"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"contains\", \"value\": \"" + huge + "\"}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"exists\", \"value\": \"yes\"}]}}",
						"filter.conditions[0].value"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
								+ "\"properties.x\", \"op\": \"regex\", \"value\": \".*\"}]}}",
						"filter.conditions[0].op"),
				arguments(
						"{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"op\": \"eq\", "
								+ "\"value\": 1, \"sql\": \"true\"}]}}",
						"filter.conditions[0].property", "filter.conditions[0].sql"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [1, 2]}}",
						"filter.conditions[0]", "filter.conditions[1]"),
				arguments("{\"name\": \"t\", \"aggregate\": \"count\", \"script\": \"return 1\"}", "script"),
				arguments(
						"{\"name\": \"Bad\", \"aggregate\": \"avg\", \"window\": {\"days\": -1}, "
								+ "\"filter\": {\"channels\": [\"fax\"]}}",
						"name", "aggregate", "window.days", "filter.channels[0]"));
	}

	@ParameterizedTest
	@MethodSource("invalidDefinitions")
	void shouldRefuseAnInvalidDefinitionNamingEveryFieldAtFault(String json, List<String> fields) {
		ProblemException problem = catchThrowableOfType(ProblemException.class, () -> parse(json));

		assertThat(problem).as(json.length() > 200 ? json.substring(0, 200) : json).isNotNull();
		assertThat(problem.getStatusCode().value()).isEqualTo(400);
		@SuppressWarnings("unchecked")
		Map<String, String> errors = (Map<String, String>) problem.getBody().getProperties().get("errors");
		assertThat(errors).containsOnlyKeys(fields);
	}

	private static Arguments arguments(String json, String... fields) {
		return Arguments.of(json, List.of(fields));
	}

	private static TraitDefinition parse(String json) {
		JsonNode node = ContractJson.mapper().readTree(json);
		return TraitDefinitionParser.parse(node);
	}

}
