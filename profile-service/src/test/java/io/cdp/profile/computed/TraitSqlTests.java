package io.cdp.profile.computed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.computed.TraitSql.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraitSqlTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final String HOSTILE = """
			{"name": "hostile", "aggregate": "first", "property": "properties.it's\\"; DROP TABLE x; --",
			 "window": {"days": 30},
			 "filter": {"events": ["'); DELETE FROM profile.events; --"], "channels": ["web"],
			            "conditions": [{"property": "context.$$.a", "op": "eq", "value": "$$; SELECT pg_sleep(9); $$"},
			                           {"property": "properties.n", "op": "gt", "value": 12.5},
			                           {"property": "properties.tag", "op": "contains", "value": "%' OR '1'='1"},
			                           {"property": "properties.k", "op": "in", "value": ["a'b", 7, false]},
			                           {"property": "properties.z", "op": "neq", "value": "x"},
			                           {"property": "properties.q", "op": "exists", "value": false}]}}
			""";

	@Test
	void shouldPutEveryNamePathAndValueInParametersNeverInTheText() {
		Statement statement = compile(Map.of(7L, HOSTILE));

		for (String client : new String[] { "DROP", "DELETE FROM profile.events", "it's", "$$", "pg_sleep", "OR '1'",
				"a'b", "hostile", "12.5", "web", "tag", "context" }) {
			assertThat(statement.sql()).as(client).doesNotContain(client);
		}
		assertThat(statement.params().values()).anySatisfy(
				(value) -> assertThat(value).isEqualTo(new String[] { "properties", "it's\"; DROP TABLE x; --" }));
		assertThat(statement.params().values())
			.anySatisfy((value) -> assertThat(value).isEqualTo(new String[] { "'); DELETE FROM profile.events; --" }));
		assertThat(statement.params().values())
			.anySatisfy((value) -> assertThat(value).isEqualTo(new String[] { "context", "$$", "a" }));
		assertThat(statement.params().values()).contains(new BigDecimal("12.5"), "%' OR '1'='1",
				ContractJson.mapper().writeValueAsString("$$; SELECT pg_sleep(9); $$"), 7L);
		assertThat(statement.params().values()).anySatisfy((value) -> assertThat(value)
			.isEqualTo(new String[] { ContractJson.mapper().writeValueAsString("a'b"), "false" }));
		assertThat(statement.params().values())
			.anySatisfy((value) -> assertThat(value).isEqualTo(new String[] { "7" }));
	}

	@Test
	void shouldNameEveryParameterItBindsAndBindEveryParameterItNames() {
		Statement statement = compile(Map.of(1L, HOSTILE, 2L,
				"{\"name\": \"visits\", \"aggregate\": \"count\", \"filter\": {\"types\": [\"page\"]}}", 3L,
				"{\"name\": \"revenue\", \"aggregate\": \"sum\", \"property\": \"properties.total\"}"));

		for (String name : statement.params().keySet()) {
			assertThat(statement.sql()).containsPattern(":" + name + "\\b");
		}
		assertThat(statement.sql().split(":p\\d+", -1).length - 1).isGreaterThanOrEqualTo(statement.params().size());
		assertThat(statement.sql()).doesNotContainPattern("(?<!:):(?!:)(?!p\\d)");
	}

	@Test
	void shouldCountEveryEventWhenADefinitionHasNoWindow() {
		Statement allTime = compile(Map.of(1L, "{\"name\": \"visits\", \"aggregate\": \"count\"}", 2L,
				"{\"name\": \"recent\", \"aggregate\": \"count\", \"window\": {\"days\": 7}}"));
		Statement windowed = compile(
				Map.of(2L, "{\"name\": \"recent\", \"aggregate\": \"count\", \"window\": {\"days\": 7}}", 3L,
						"{\"name\": \"recent_month\", \"aggregate\": \"max\", \"property\": \"properties.x\", "
								+ "\"window\": {\"days\": 30}}"));

		assertThat(allTime.sql()).doesNotContain("WHERE e.occurred_at >");
		assertThat(windowed.sql()).contains("WHERE e.occurred_at >");
		// The widest window bounds the scan: 30 days before now.
		assertThat(windowed.params().values()).contains(OffsetDateTime.of(2026, 1, 30, 12, 0, 0, 0, ZoneOffset.UTC));
		assertThat(windowed.sql()).contains("make_interval(days =>");
	}

	@Test
	void shouldReadNumbersOnlyThroughTheFunctionThatNeverFails() {
		Statement statement = compile(Map.of(1L,
				"{\"name\": \"s\", \"aggregate\": \"sum\", \"property\": \"properties.total\"}", 2L,
				"{\"name\": \"m\", \"aggregate\": \"min\", \"property\": \"properties.total\", "
						+ "\"filter\": {\"conditions\": [{\"property\": \"properties.n\", \"op\": \"lt\", \"value\": 3}]}}"));

		assertThat(statement.sql()).contains("sum(profile.json_number(")
			.contains("min(profile.json_number(")
			.contains("profile.json_number((e.event #>")
			.doesNotContain("::numeric")
			.doesNotContain("AS numeric)");
	}

	private static Statement compile(Map<Long, String> definitions) {
		Map<Long, TraitDefinition> parsed = new LinkedHashMap<>();
		definitions.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> parsed.put(entry.getKey(),
					TraitDefinitionParser.parse(ContractJson.mapper().readTree(entry.getValue()))));
		Statement statement = TraitSql.recompute(parsed, new String[] { "p-1", "p'2" }, NOW);
		assertThat(Arrays.asList(statement.sql().split("\n"))).noneMatch((line) -> line.contains("p'2"));
		return statement;
	}

}
