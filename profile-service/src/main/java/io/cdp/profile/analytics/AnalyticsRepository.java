package io.cdp.profile.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.cx.JourneyStage;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The analytics queries: the rollups of {@code profile.activity_hourly},
 * {@code scores_daily} and {@code amounts_daily} (with what is still pending, so that
 * every stored event counts exactly once) and the experience row of each profile. Each
 * query reads rows per hour, day or profile, never events.
 */
@Repository
class AnalyticsRepository {

	private static final String ACTIVITY = """
			(SELECT hour, channel, type, name, events FROM profile.activity_hourly
			 UNION ALL SELECT hour, channel, type, name, events FROM profile.activity_pending)""";

	private static final String SCORES = """
			(SELECT day, name, score, answers FROM profile.scores_daily
			 UNION ALL SELECT day, name, score, answers FROM profile.scores_pending)""";

	private static final String AMOUNTS = """
			(SELECT day, name, currency, events, revenue, total FROM profile.amounts_daily
			 UNION ALL SELECT day, name, currency, events, revenue, total FROM profile.amounts_pending)""";

	/**
	 * People at risk and churned as of {@code :asOf}, by likely reason: silent (no
	 * interaction) for longer than their own threshold, or than {@code :churned} seconds
	 * and that threshold for churned. Formatted with the rows to read (aliased {@code e})
	 * and the filter's conditions.
	 */
	private static final String SILENT = """
			SELECT status, coalesce(risk_reason, 'none'), count(*) FROM (
			  SELECT CASE
			    WHEN extract(epoch FROM :asOf - last_active_at) > greatest(:churned, at_risk_after_days * 86400)
			      THEN 'churned'
			    WHEN extract(epoch FROM :asOf - last_active_at) > at_risk_after_days * 86400 THEN 'at-risk'
			  END AS status, risk_reason
			  FROM %s
			  WHERE last_active_at IS NOT NULL AND at_risk_after_days IS NOT NULL
			    AND last_active_at <= :asOf%s
			) s WHERE status IS NOT NULL GROUP BY 1, 2""";

	private final JdbcClient jdbc;

	AnalyticsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether a computed trait has the name. */
	boolean computedTraitExists(String name) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM profile.computed_traits WHERE name = ?)")
			.param(name)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Per stage, the people who entered it in each period, how many of them went on to
	 * the next stage (by now), and how long they took (median and 90th percentile,
	 * seconds); and the people whose furthest stage it is now. The filtered profiles are
	 * read once for all the periods.
	 */
	List<List<StageCounts>> funnel(List<AnalyticsPeriod> periods, Filters filters) {
		JourneyStage[] stages = JourneyStage.values();
		// Filtered: the filter (a look at each profile's traits or computed values) runs
		// once; else each period reads the table, which costs less than a copy of it.
		StringBuilder sql = new StringBuilder("WITH chosen AS ")
			.append(filters.isEmpty() ? "NOT MATERIALIZED" : "MATERIALIZED")
			.append(" (SELECT e.stage");
		for (JourneyStage stage : stages) {
			sql.append(", ").append(column(stage));
		}
		sql.append(" FROM profile.experience e WHERE true").append(filters.where()).append(")");
		for (int number = 0; number < periods.size(); number++) {
			String from = ":from" + number;
			String to = ":to" + number;
			sql.append((number == 0) ? " SELECT " : " UNION ALL SELECT ").append(number).append(", ");
			for (int index = 0; index < stages.length; index++) {
				String at = column(stages[index]);
				String inPeriod = at + " >= " + from + " AND " + at + " < " + to;
				sql.append("count(*) FILTER (WHERE ").append(inPeriod).append("), ");
				if (index + 1 < stages.length) {
					String next = column(stages[index + 1]);
					String moved = inPeriod + " AND " + next + " >= " + at;
					sql.append("count(*) FILTER (WHERE ").append(moved).append("), ");
					for (String fraction : new String[] { "0.5", "0.9" }) {
						sql.append("percentile_cont(")
							.append(fraction)
							.append(") WITHIN GROUP (ORDER BY extract(epoch FROM ")
							.append(next)
							.append(" - ")
							.append(at)
							.append(")) FILTER (WHERE ")
							.append(moved)
							.append("), ");
					}
				}
				else {
					sql.append("0, NULL::double precision, NULL::double precision, ");
				}
				sql.append("count(*) FILTER (WHERE stage = '").append(stages[index].wireName()).append("')");
				sql.append((index + 1 < stages.length) ? ", " : " ");
			}
			sql.append("FROM chosen e");
		}
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString());
		for (int number = 0; number < periods.size(); number++) {
			statement = statement.param("from" + number, Timestamp.from(periods.get(number).from()))
				.param("to" + number, Timestamp.from(periods.get(number).to()));
		}
		statement = filters.bind(statement);
		List<List<StageCounts>> answers = new ArrayList<>();
		periods.forEach((period) -> answers.add(List.of()));
		statement.query((row) -> {
			List<StageCounts> counts = new ArrayList<>();
			int column = 1;
			for (JourneyStage stage : stages) {
				long entered = row.getLong(++column);
				long converted = row.getLong(++column);
				Double median = (Double) row.getObject(++column);
				Double p90 = (Double) row.getObject(++column);
				long current = row.getLong(++column);
				counts.add(new StageCounts(stage, entered, converted, median, p90, current));
			}
			answers.set(row.getInt(1), counts);
		});
		return answers;
	}

	/**
	 * People at risk and churned as of a time, by likely reason: silent (no interaction)
	 * for longer than their own threshold, or than {@code churnedAfterSeconds} and that
	 * threshold for churned.
	 */
	Map<String, Map<String, Long>> silent(Instant asOf, long churnedAfterSeconds, Filters filters) {
		String sql = SILENT.formatted("profile.experience e", filters.where()) + " ORDER BY 1, 2";
		Map<String, Map<String, Long>> byStatus = byStatus();
		filters.bind(this.jdbc.sql(sql).param("asOf", Timestamp.from(asOf)).param("churned", churnedAfterSeconds))
			.query((row) -> {
				byStatus.get(row.getString(1)).put(row.getString(2), row.getLong(3));
			});
		return byStatus;
	}

	private static Map<String, Map<String, Long>> byStatus() {
		Map<String, Map<String, Long>> byStatus = new LinkedHashMap<>();
		byStatus.put("at-risk", new LinkedHashMap<>());
		byStatus.put("churned", new LinkedHashMap<>());
		return byStatus;
	}

	/**
	 * The overview's figures per person, in one statement: the people at risk and churned
	 * as of a time by likely reason ({@link #silent}); new and repeat customers per
	 * bucket (new: first purchase in it; repeat: latest purchase in it, after an earlier
	 * one); and the lifetime value per currency of the customers who bought in the
	 * period, by the channel of their first touch. With a filter, the filtered profiles
	 * are read once for the three (a trait filter reads every profile's traits).
	 */
	People people(AnalyticsPeriod period, Instant asOf, long churnedAfterSeconds, Filters filters) {
		// The filter applies once, in chosen; without one, each part reads the table.
		String source = filters.isEmpty() ? "profile.experience e" : "chosen e";
		String sql = (filters.isEmpty() ? "" : """
				WITH chosen AS MATERIALIZED (
				  SELECT last_active_at, at_risk_after_days, risk_reason, orders, first_purchase_at, last_purchase_at,
				      first_touch_channel, lifetime_value
				  FROM profile.experience e WHERE true""" + filters.where() + ") ")
				+ """
						SELECT 'silent', s.*, NULL::date, NULL::bigint, NULL::numeric FROM (%1$s) s
						UNION ALL
						SELECT 'customers', NULL, NULL, NULL, bucket, sum(new), sum(repeat) FROM (
						  SELECT date_trunc(:field, first_purchase_at AT TIME ZONE 'UTC')::date AS bucket, 1 AS new, 0 AS repeat
						  FROM %2$s WHERE first_purchase_at >= :from AND first_purchase_at < :to
						  UNION ALL
						  SELECT date_trunc(:field, last_purchase_at AT TIME ZONE 'UTC')::date, 0, 1
						  FROM %2$s WHERE orders >= 2 AND last_purchase_at > first_purchase_at
						    AND last_purchase_at >= :from AND last_purchase_at < :to
						) c GROUP BY bucket
						UNION ALL
						SELECT 'value', coalesce(first_touch_channel, 'unknown'), v.key, count(*), NULL, NULL, sum(v.value::numeric)
						FROM %2$s, jsonb_each_text(e.lifetime_value) v
						WHERE last_purchase_at >= :from AND first_purchase_at < :to
						GROUP BY 2, 3
						ORDER BY 1, 2, 3, 5"""
					.formatted(SILENT.formatted(source, ""), source);
		Map<String, Map<String, Long>> silent = byStatus();
		Map<LocalDate, long[]> customers = new LinkedHashMap<>();
		List<ChannelValue> values = new ArrayList<>();
		filters
			.bind(this.jdbc.sql(sql)
				.param("asOf", Timestamp.from(asOf))
				.param("churned", churnedAfterSeconds)
				.param("field", period.interval().field())
				.param("from", Timestamp.from(period.from()))
				.param("to", Timestamp.from(period.to())))
			.query((row) -> {
				switch (row.getString(1)) {
					case "silent" -> silent.get(row.getString(2)).put(row.getString(3), row.getLong(4));
					case "customers" ->
						customers.put(row.getObject(5, LocalDate.class), new long[] { row.getLong(6), row.getLong(7) });
					default -> values.add(
							new ChannelValue(row.getString(2), row.getString(3), row.getLong(4), row.getBigDecimal(7)));
				}
			});
		return new People(silent, customers, values);
	}

	/** Answers per bucket and score, of the events with these names. */
	List<ScoreCount> scores(AnalyticsPeriod period, Collection<String> names) {
		String sql = "SELECT date_trunc(:field, day::timestamp)::date, score, sum(answers) FROM " + SCORES
				+ " s WHERE name = ANY(:names) AND day >= :fromDay AND day < :toDay GROUP BY 1, 2 ORDER BY 1, 2";
		return this.jdbc.sql(sql)
			.param("field", period.interval().field())
			.param("names", names.toArray(String[]::new))
			.param("fromDay", day(period.from()))
			.param("toDay", dayAfterLastMoment(period.to()))
			.query((row, number) -> new ScoreCount(row.getObject(1, LocalDate.class), row.getBigDecimal(2),
					row.getLong(3)))
			.list();
	}

	/** Events per bucket of these names. */
	Map<LocalDate, Long> activity(AnalyticsPeriod period, Collection<String> names, String field) {
		String sql = "SELECT date_trunc(:field, hour AT TIME ZONE 'UTC')::date, sum(events) FROM " + ACTIVITY
				+ " a WHERE name = ANY(:names) AND hour >= :from AND hour < :to GROUP BY 1 ORDER BY 1";
		Map<LocalDate, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql(sql)
			.param("field", field)
			.param("names", names.toArray(String[]::new))
			.param("from", Timestamp.from(period.from()))
			.param("to", Timestamp.from(period.to()))
			.query((row) -> {
				counts.put(row.getObject(1, LocalDate.class), row.getLong(2));
			});
		return counts;
	}

	/** Amounts per bucket and currency of the events with these names. */
	List<AmountSum> amounts(AnalyticsPeriod period, Collection<String> names) {
		String sql = "SELECT date_trunc(:field, day::timestamp)::date, currency, sum(events), sum(revenue), sum(total)"
				+ " FROM " + AMOUNTS
				+ " m WHERE name = ANY(:names) AND day >= :fromDay AND day < :toDay GROUP BY 1, 2 ORDER BY 1, 2";
		return this.jdbc.sql(sql)
			.param("field", period.interval().field())
			.param("names", names.toArray(String[]::new))
			.param("fromDay", day(period.from()))
			.param("toDay", dayAfterLastMoment(period.to()))
			.query((row, number) -> new AmountSum(row.getObject(1, LocalDate.class), row.getString(2), row.getLong(3),
					row.getBigDecimal(4), row.getBigDecimal(5)))
			.list();
	}

	/**
	 * The orders and refunds of the period per currency, by the channel of the buyer's
	 * first touch: each priced event ({@code profile.purchases}) counts for the profile
	 * it was stored for, or the one that profile was merged into since (following
	 * {@code merged_into} to the survivor), whose experience row names the channel.
	 */
	List<ChannelRevenue> revenueByFirstTouch(AnalyticsPeriod period, Collection<String> orders,
			Collection<String> refunds, Filters filters) {
		String sql = """
				WITH RECURSIVE bought AS (
					SELECT profile_id, currency,
						count(*) FILTER (WHERE name = ANY(:orders)) AS orders,
						coalesce(sum(coalesce(revenue, total, value)) FILTER (WHERE name = ANY(:orders)), 0) AS ordered,
						count(*) FILTER (WHERE name = ANY(:refunds)) AS refunds,
						coalesce(sum(coalesce(total, revenue, value)) FILTER (WHERE name = ANY(:refunds)), 0) AS refunded
					FROM profile.purchases
					WHERE occurred_at >= :from AND occurred_at < :to AND (name = ANY(:orders) OR name = ANY(:refunds))
					GROUP BY profile_id, currency
				), chain (start, profile_id, hops) AS (
					SELECT DISTINCT b.profile_id, b.profile_id, 0
					FROM bought b JOIN profile.profiles x ON x.profile_id = b.profile_id WHERE x.merged_into IS NOT NULL
					UNION ALL
					SELECT c.start, p.merged_into, c.hops + 1
					FROM chain c JOIN profile.profiles p ON p.profile_id = c.profile_id
					WHERE p.merged_into IS NOT NULL AND c.hops < 64
				), survivor AS (
					SELECT DISTINCT ON (start) start, profile_id FROM chain ORDER BY start, hops DESC
				)
				SELECT coalesce(e.first_touch_channel, 'unknown'), b.currency,
					count(DISTINCT e.profile_id) FILTER (WHERE b.orders > 0), sum(b.orders), sum(b.ordered),
					sum(b.refunds), sum(b.refunded)
				FROM bought b LEFT JOIN survivor s ON s.start = b.profile_id
				JOIN profile.experience e ON e.profile_id = coalesce(s.profile_id, b.profile_id)
				WHERE true"""
				+ filters.where() + """

						GROUP BY 1, 2 ORDER BY 1, 2""";
		return filters
			.bind(this.jdbc.sql(sql)
				.param("from", Timestamp.from(period.from()))
				.param("to", Timestamp.from(period.to()))
				.param("orders", orders.toArray(String[]::new))
				.param("refunds", refunds.toArray(String[]::new)))
			.query((row, number) -> new ChannelRevenue(row.getString(1), row.getString(2), row.getLong(3),
					row.getLong(4), row.getBigDecimal(5), row.getLong(6), row.getBigDecimal(7)))
			.list();
	}

	/**
	 * Interactions per day of week (1 = Monday), hour and channel in a time zone: events
	 * of these types, but those with the names the business sends.
	 */
	List<HeatCell> heatmap(AnalyticsPeriod period, ZoneId zone, Collection<String> types,
			Collection<String> notInteractions) {
		String sql = "SELECT extract(isodow FROM hour AT TIME ZONE :zone)::int, extract(hour FROM hour AT TIME ZONE :zone)::int,"
				+ " channel, sum(events) FROM " + ACTIVITY
				+ " a WHERE hour >= :from AND hour < :to AND type = ANY(:types) AND NOT (name = ANY(:skipped))"
				+ " GROUP BY 1, 2, 3 HAVING sum(events) <> 0 ORDER BY 1, 2, 3";
		return this.jdbc.sql(sql)
			.param("zone", zone.getId().equals("Z") ? "UTC" : zone.getId())
			.param("from", Timestamp.from(period.from()))
			.param("to", Timestamp.from(period.to()))
			.param("types", types.toArray(String[]::new))
			.param("skipped", notInteractions.toArray(String[]::new))
			.query((row, number) -> new HeatCell(row.getInt(1), row.getInt(2), row.getString(3), row.getLong(4)))
			.list();
	}

	private static String column(JourneyStage stage) {
		return "e." + stage.wireName() + "_at";
	}

	private static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	/** The day after the one holding the period's last moment. */
	private static LocalDate dayAfterLastMoment(Instant end) {
		return LocalDate.ofInstant(end.minusMillis(1), ZoneOffset.UTC).plusDays(1);
	}

	/**
	 * Which profiles an answer counts: by the channel and source of their first touch,
	 * and by trait values.
	 *
	 * @param firstTouchChannel the channel of the person's first event, or null for any
	 * @param source the source of the person's first event, or null for any
	 * @param traits trait name to the text its value must equal
	 * @param computedTraits computed trait name to the value it must equal: a number
	 * (equal by value), true or false, or else a string
	 */
	record Filters(@Nullable String firstTouchChannel, @Nullable String source, Map<String, String> traits,
			Map<String, String> computedTraits) {

		boolean isEmpty() {
			return this.firstTouchChannel == null && this.source == null && this.traits.isEmpty()
					&& this.computedTraits.isEmpty();
		}

		String where() {
			StringBuilder where = new StringBuilder();
			if (this.firstTouchChannel != null) {
				where.append(" AND e.first_touch_channel = :firstTouchChannel");
			}
			if (this.source != null) {
				where.append(" AND e.first_touch_source = :source");
			}
			for (int index = 0; index < this.traits.size(); index++) {
				where.append(" AND EXISTS (SELECT 1 FROM profile.profiles p WHERE p.profile_id = e.profile_id")
					.append(" AND p.traits -> :traitName")
					.append(index)
					.append(" ->> 'value' = :traitValue")
					.append(index)
					.append(")");
			}
			for (int index = 0; index < this.computedTraits.size(); index++) {
				// The profiles whose value is the one asked for, read once (a hashed
				// subplan, not a look per profile); and, when that value is the
				// definition's empty one (0 for a count), those without a value.
				String name = ":computedName" + index;
				String asked = "(CAST(:computedJson" + index + " AS jsonb), to_jsonb(CAST(:computedText" + index
						+ " AS text)))";
				String valuesOf = "SELECT v.profile_id FROM profile.computed_trait_values v"
						+ " JOIN profile.computed_traits d ON d.id = v.trait_id WHERE d.name = " + name;
				where.append(" AND (e.profile_id IN (")
					.append(valuesOf)
					.append(" AND v.value IN ")
					.append(asked)
					.append(") OR (EXISTS (SELECT 1 FROM profile.computed_traits d WHERE d.name = ")
					.append(name)
					.append(" AND d.aggregate IN ('count', 'distinct_count') AND '0'::jsonb IN ")
					.append(asked)
					.append(") AND e.profile_id NOT IN (")
					.append(valuesOf)
					.append(")))");
			}
			return where.toString();
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			JdbcClient.StatementSpec bound = statement;
			if (this.firstTouchChannel != null) {
				bound = bound.param("firstTouchChannel", this.firstTouchChannel);
			}
			if (this.source != null) {
				bound = bound.param("source", this.source);
			}
			int index = 0;
			for (Map.Entry<String, String> trait : this.traits.entrySet()) {
				bound = bound.param("traitName" + index, trait.getKey()).param("traitValue" + index, trait.getValue());
				index++;
			}
			index = 0;
			for (Map.Entry<String, String> trait : this.computedTraits.entrySet()) {
				bound = bound.param("computedName" + index, trait.getKey())
					.param("computedJson" + index, json(trait.getValue()))
					.param("computedText" + index, trait.getValue());
				index++;
			}
			return bound;
		}

		/**
		 * The filter's text as JSON: a plain number or a boolean as such, else a string.
		 */
		static String json(String text) {
			if (text.matches("-?[0-9]{1,15}(\\.[0-9]{1,10})?") || text.equals("true") || text.equals("false")) {
				return text;
			}
			return ContractJson.mapper().writeValueAsString(text);
		}

	}

	record StageCounts(JourneyStage stage, long entered, long converted, @Nullable Double medianSeconds,
			@Nullable Double p90Seconds, long current) {

	}

	record ScoreCount(LocalDate bucket, BigDecimal score, long answers) {

	}

	record AmountSum(LocalDate bucket, String currency, long events, BigDecimal revenue, BigDecimal total) {

	}

	record ChannelValue(String channel, String currency, long customers, BigDecimal lifetimeValue) {

	}

	/**
	 * The overview's figures per person.
	 *
	 * @param silent the people at risk and churned by status, then by likely reason
	 * @param customers new and repeat customers per bucket
	 * @param values lifetime value per channel of first touch and currency
	 */
	record People(Map<String, Map<String, Long>> silent, Map<LocalDate, long[]> customers, List<ChannelValue> values) {

	}

	/**
	 * The orders and refunds of a period, of one channel of first touch and currency.
	 *
	 * @param channel the channel of the buyers' first touch ({@code unknown} without one)
	 * @param currency the currency
	 * @param customers the people with an order in the period
	 * @param orders how many orders
	 * @param ordered what they came to
	 * @param refunds how many refunds
	 * @param refunded what was refunded
	 */
	record ChannelRevenue(String channel, String currency, long customers, long orders, BigDecimal ordered,
			long refunds, BigDecimal refunded) {

	}

	record HeatCell(int dayOfWeek, int hour, String channel, long events) {

	}

}
