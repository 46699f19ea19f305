package io.cdp.profile.computed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.computed.TraitDefinition.Aggregate;
import io.cdp.profile.computed.TraitDefinition.Condition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compiles computed trait definitions into the one statement that recomputes their values
 * for a set of active profiles from the stored events, and writes them: each profile's
 * events (its own and those of the profiles merged into it) are read once, every
 * definition is one aggregate over them with its filter as a {@code FILTER} clause, and
 * the values are upserted (only where they changed) or deleted (where no event matches
 * any more) in the same statement.
 *
 * <p>
 * The SQL text depends only on the definitions' shapes, which the parser bounds: which
 * aggregate, which filters, which operators. Every name, path and value is a bind
 * parameter: paths go in as {@code text[]} for {@code #>}, values as text, numbers or
 * JSON. Numbers are read with {@code profile.json_number} (V4), which answers null for
 * anything that is not a plain number below 1e15, so no stored value can fail the
 * statement.
 */
final class TraitSql {

	private final Map<String, Object> params = new LinkedHashMap<>();

	private final Instant now;

	private TraitSql(Instant now) {
		this.now = now;
	}

	/**
	 * The statement that recomputes and writes the definitions' values of the given
	 * active profiles; it answers one row: values written, values removed.
	 * @param traits the definitions by id, at least one
	 * @param profileIds active profile ids (or ids without a profile row yet)
	 * @param now the time windows end at
	 * @return the SQL and its named parameters
	 */
	static Statement recompute(Map<Long, TraitDefinition> traits, String[] profileIds, Instant now) {
		return new TraitSql(now).build(traits, profileIds);
	}

	private Statement build(Map<Long, TraitDefinition> traits, String[] profileIds) {
		if (traits.isEmpty()) {
			throw new IllegalArgumentException("at least one definition");
		}
		String profiles = bind(profileIds);
		StringBuilder aggregates = new StringBuilder();
		StringBuilder unpivot = new StringBuilder();
		Instant earliest = Instant.MAX;
		int column = 0;
		for (Map.Entry<Long, TraitDefinition> trait : traits.entrySet()) {
			TraitDefinition definition = trait.getValue();
			if (definition.windowDays() == null) {
				earliest = null;
			}
			else if (earliest != null) {
				Instant from = windowStart(definition.windowDays());
				earliest = from.isBefore(earliest) ? from : earliest;
			}
			String matches = predicate(definition);
			String x = (definition.property() != null) ? path(definition.property()) : null;
			aggregates.append(",\n        ").append(value(definition, matches, x)).append(" AS v").append(column);
			aggregates.append(",\n        ").append(expiry(definition, matches, x)).append(" AS x").append(column);
			unpivot.append((column == 0) ? "" : ", ")
				.append("(CAST(")
				.append(bind(trait.getKey()))
				.append(" AS bigint), c.v")
				.append(column)
				.append(", c.x")
				.append(column)
				.append(")");
			column++;
		}
		String traitIds = bind(traits.keySet().toArray(Long[]::new));
		String window = (earliest != null) ? "\n    WHERE e.occurred_at > " + bind(timestamp(earliest)) : "";
		String sql = """
				WITH members AS (
				    SELECT a.profile_id AS active_id, m.member_id
				    FROM unnest(CAST(%1$s AS text[])) AS a(profile_id)
				    LEFT JOIN profile.profiles p ON p.profile_id = a.profile_id
				    CROSS JOIN LATERAL unnest(a.profile_id || coalesce(p.merged_profile_ids, '{}')) AS m(member_id)
				),
				computed AS (
				    SELECT m.active_id%2$s
				    FROM members m JOIN profile.events e ON e.profile_id = m.member_id%3$s
				    GROUP BY m.active_id
				),
				fresh AS (
				    SELECT c.active_id AS profile_id, t.trait_id, t.value, t.expires_at
				    FROM computed c CROSS JOIN LATERAL (VALUES %4$s) AS t(trait_id, value, expires_at)
				    WHERE t.value IS NOT NULL
				),
				removed AS (
				    DELETE FROM profile.computed_trait_values v
				    WHERE v.profile_id = ANY(CAST(%1$s AS text[])) AND v.trait_id = ANY(CAST(%5$s AS bigint[]))
				      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = v.profile_id AND f.trait_id = v.trait_id)
				    RETURNING 1
				),
				written AS (
				    INSERT INTO profile.computed_trait_values AS v (profile_id, trait_id, value, expires_at, updated_at)
				    SELECT profile_id, trait_id, value, expires_at, CAST(%6$s AS timestamptz) FROM fresh ORDER BY profile_id, trait_id
				    ON CONFLICT (profile_id, trait_id) DO UPDATE SET value = excluded.value,
				        expires_at = excluded.expires_at, updated_at = excluded.updated_at
				    WHERE (v.value, v.expires_at) IS DISTINCT FROM (excluded.value, excluded.expires_at)
				    RETURNING 1
				)
				SELECT (SELECT count(*) FROM written) AS written, (SELECT count(*) FROM removed) AS removed"""
			.formatted(profiles, aggregates, window, unpivot, traitIds, bind(timestamp(this.now)));
		return new Statement(sql, this.params);
	}

	/** The aggregate of one definition, as jsonb, null when no event matches. */
	private String value(TraitDefinition definition, String matches, @Nullable String x) {
		Aggregate aggregate = definition.aggregate();
		if (x == null) {
			// Only a count has no property (the parser sees to it).
			return "to_jsonb(nullif(count(*) FILTER (WHERE " + matches + "), 0))";
		}
		String present = present(x);
		return switch (aggregate) {
			case COUNT -> "to_jsonb(nullif(count(*) FILTER (WHERE " + matches + " AND " + present + "), 0))";
			case SUM, MIN, MAX ->
				"to_jsonb(" + aggregate.wireName() + "(profile.json_number(" + x + ")) FILTER (WHERE " + matches + "))";
			case DISTINCT_COUNT ->
				"to_jsonb(nullif(count(DISTINCT " + x + ") FILTER (WHERE " + matches + " AND " + present + "), 0))";
			case FIRST -> "(array_agg(" + x + " ORDER BY e.occurred_at, e.message_id) FILTER (WHERE " + matches
					+ " AND " + present + "))[1]";
			case LAST -> "(array_agg(" + x + " ORDER BY e.occurred_at DESC, e.message_id DESC) FILTER (WHERE " + matches
					+ " AND " + present + "))[1]";
		};
	}

	/**
	 * When a windowed value must be computed again: when the oldest event it counts
	 * leaves the window. Null for all time.
	 */
	private String expiry(TraitDefinition definition, String matches, @Nullable String x) {
		if (definition.windowDays() == null) {
			return "NULL::timestamptz";
		}
		String counted = (x != null) ? matches + " AND " + present(x) : matches;
		// Bounded, so that no stored time (PostgreSQL's go up to the year 294276) can
		// make
		// the sum overflow and fail the statement.
		return "least(min(e.occurred_at) FILTER (WHERE " + counted
				+ "), '9999-12-31'::timestamptz) + make_interval(days => " + bind(definition.windowDays()) + ")";
	}

	/** Whether an event counts for the definition: its window and its filter. */
	private String predicate(TraitDefinition definition) {
		List<String> parts = new ArrayList<>();
		if (definition.windowDays() != null) {
			parts.add("e.occurred_at > " + bind(timestamp(windowStart(definition.windowDays()))));
		}
		if (!definition.events().isEmpty()) {
			parts.add("e.name = ANY(CAST(" + bind(definition.events().toArray(String[]::new)) + " AS text[]))");
		}
		if (!definition.types().isEmpty()) {
			parts.add("e.type = ANY(CAST(" + bind(definition.types().toArray(String[]::new)) + " AS text[]))");
		}
		if (!definition.channels().isEmpty()) {
			parts.add("e.channel = ANY(CAST(" + bind(definition.channels().toArray(String[]::new)) + " AS text[]))");
		}
		for (Condition condition : definition.conditions()) {
			parts.add(condition(condition));
		}
		return parts.isEmpty() ? "true" : "(" + String.join(" AND ", parts) + ")";
	}

	private String condition(Condition condition) {
		String x = path(condition.property());
		JsonNode value = condition.value();
		return switch (condition.op()) {
			case EXISTS -> (value == null || value.booleanValue()) ? present(x) : "NOT " + present(x);
			case EQ -> equal(x, value);
			case NEQ -> "NOT coalesce(" + equal(x, value) + ", false)";
			case GT -> number(x) + " > " + bind(decimal(value));
			case GTE -> number(x) + " >= " + bind(decimal(value));
			case LT -> number(x) + " < " + bind(decimal(value));
			case LTE -> number(x) + " <= " + bind(decimal(value));
			case IN -> in(x, value);
			case CONTAINS -> "CASE jsonb_typeof(" + x + ") WHEN 'string' THEN strpos(" + x + " #>> '{}', CAST("
					+ bind(text(value)) + " AS text)) > 0 WHEN 'array' THEN " + x + " @> jsonb_build_array(CAST("
					+ bind(text(value)) + " AS text)) ELSE false END";
		};
	}

	/** Equal: numbers by value (a numeric string included), anything else as JSON. */
	private String equal(String x, @Nullable JsonNode value) {
		if (value != null && value.isNumber()) {
			return "(" + number(x) + " = " + bind(decimal(value)) + ")";
		}
		return "(" + x + " = CAST(" + bind(json(value)) + " AS jsonb))";
	}

	private String in(String x, @Nullable JsonNode values) {
		List<String> numbers = new ArrayList<>();
		List<String> others = new ArrayList<>();
		if (values != null) {
			for (JsonNode value : values) {
				if (value.isNumber()) {
					numbers.add(decimal(value).toPlainString());
				}
				else {
					others.add(json(value));
				}
			}
		}
		List<String> tests = new ArrayList<>();
		if (!numbers.isEmpty()) {
			tests.add(number(x) + " = ANY(CAST(" + bind(numbers.toArray(String[]::new)) + " AS numeric[]))");
		}
		if (!others.isEmpty()) {
			tests.add(x + " = ANY(CAST(CAST(" + bind(others.toArray(String[]::new)) + " AS text[]) AS jsonb[]))");
		}
		return tests.isEmpty() ? "false" : "coalesce(" + String.join(" OR ", tests) + ", false)";
	}

	private String path(List<String> path) {
		return "(e.event #> CAST(" + bind(path.toArray(String[]::new)) + " AS text[]))";
	}

	private static String number(String x) {
		return "profile.json_number(" + x + ")";
	}

	private static String present(String x) {
		return "coalesce(jsonb_typeof(" + x + "), 'null') <> 'null'";
	}

	private Instant windowStart(int days) {
		return this.now.minus(Duration.ofDays(days));
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static BigDecimal decimal(@Nullable JsonNode value) {
		if (value == null || !value.isNumber()) {
			throw new IllegalArgumentException("The parser lets only numbers reach a numeric comparison");
		}
		return value.decimalValue();
	}

	private static String text(@Nullable JsonNode value) {
		return (value != null && value.isString()) ? value.asString() : json(value);
	}

	private static String json(@Nullable JsonNode value) {
		return ContractJson.mapper().writeValueAsString(value);
	}

	/** Adds a parameter and answers its placeholder. */
	private String bind(Object value) {
		String name = "p" + this.params.size();
		this.params.put(name, value);
		return ":" + name;
	}

	/**
	 * A compiled statement.
	 *
	 * @param sql the SQL, with named parameters
	 * @param params the parameters by name
	 */
	record Statement(String sql, Map<String, Object> params) {

		Statement {
			params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
		}

	}

}
