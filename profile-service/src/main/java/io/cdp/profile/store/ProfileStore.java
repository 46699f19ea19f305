package io.cdp.profile.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.profile.cx.CxProperties;
import io.cdp.profile.cx.JourneyStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes batches of the identity topology's output in one transaction each, with JDBC
 * batches and idempotent upserts: a replayed record changes nothing, an older profile
 * version never overwrites a newer one, and an identifier only moves to an older profile
 * (the direction merges go), so batches from different partitions can land in any order.
 * An identifier's row is rewritten only when something in it changed: every update leaves
 * PostgreSQL a new row version to write and vacuum, and most new versions of a profile
 * change one identifier, if any.
 *
 * <p>
 * Several consumers write batches at the same time. Each batch takes its row locks in one
 * global order: the tables in a fixed sequence, and the rows of each table sorted by key.
 * Two batches that touch the same rows (an identifier named by a merged profile in one
 * partition and its survivor in another, an event delivered again) therefore wait for
 * each other and never deadlock.
 */
@Repository
class ProfileStore {

	private static final String FORGOTTEN = "SELECT profile_id FROM profile.forgotten_profiles WHERE profile_id = ANY (?)";

	private static final String CURRENT_VERSIONS = "SELECT profile_id, version FROM profile.profiles WHERE profile_id = ANY (?)";

	private static final String UPSERT_PROFILE = """
			INSERT INTO profile.profiles (profile_id, created_at, updated_at, version, merged_into, traits, computed,
			    merged_profile_ids, consent)
			VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb)
			ON CONFLICT (profile_id) DO UPDATE SET updated_at = excluded.updated_at, version = excluded.version,
			    merged_into = excluded.merged_into, traits = excluded.traits, computed = excluded.computed,
			    merged_profile_ids = excluded.merged_profile_ids, consent = excluded.consent
			WHERE profiles.version < excluded.version""";

	private static final String UPSERT_IDENTIFIER = """
			INSERT INTO profile.identifiers (type, value, profile_id, profile_created_at, first_seen, last_seen, sources)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (type, value) DO UPDATE SET profile_id = excluded.profile_id,
			    profile_created_at = excluded.profile_created_at, first_seen = excluded.first_seen,
			    last_seen = excluded.last_seen, sources = excluded.sources
			WHERE (identifiers.profile_id = excluded.profile_id
			        AND (identifiers.first_seen, identifiers.last_seen, identifiers.sources)
			            IS DISTINCT FROM (excluded.first_seen, excluded.last_seen, excluded.sources))
			    OR (excluded.profile_created_at, excluded.profile_id) < (identifiers.profile_created_at, identifiers.profile_id)""";

	private static final String UPSERT_EXPERIENCE = """
			INSERT INTO profile.experience (profile_id, version, stage, stage_entered_at, awareness_at,
			    engagement_at, evaluation_at, purchase_at, retention_at, advocacy_at, last_active_at, at_risk_after_days,
			    risk_reason, orders, first_purchase_at, last_purchase_at, lifetime_value, nps_score, nps_answered_at,
			    csat_average, csat_count, open_tickets, unsubscribed, first_touch_at, first_touch_channel,
			    first_touch_source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (profile_id) DO UPDATE SET version = excluded.version,
			    stage = excluded.stage, stage_entered_at = excluded.stage_entered_at,
			    awareness_at = excluded.awareness_at, engagement_at = excluded.engagement_at,
			    evaluation_at = excluded.evaluation_at, purchase_at = excluded.purchase_at,
			    retention_at = excluded.retention_at, advocacy_at = excluded.advocacy_at,
			    last_active_at = excluded.last_active_at, at_risk_after_days = excluded.at_risk_after_days,
			    risk_reason = excluded.risk_reason, orders = excluded.orders,
			    first_purchase_at = excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at,
			    lifetime_value = excluded.lifetime_value, nps_score = excluded.nps_score,
			    nps_answered_at = excluded.nps_answered_at, csat_average = excluded.csat_average,
			    csat_count = excluded.csat_count, open_tickets = excluded.open_tickets,
			    unsubscribed = excluded.unsubscribed, first_touch_at = excluded.first_touch_at,
			    first_touch_channel = excluded.first_touch_channel, first_touch_source = excluded.first_touch_source
			WHERE experience.version < excluded.version""";

	private static final String DELETE_EXPERIENCE = "DELETE FROM profile.experience WHERE profile_id = ?";

	private static final String INSERT_EVENT = """
			INSERT INTO profile.events (message_id, profile_id, occurred_at, received_at, type, name, channel, source_id,
			    event)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
			ON CONFLICT DO NOTHING""";

	private static final String INSERT_MERGE = """
			INSERT INTO profile.merges (loser_id, winner_id, cause_message_id, merged_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (loser_id) DO NOTHING""";

	private static final String INSERT_DECISION = """
			INSERT INTO profile.merge_log (loser_id, winner_id, cause_message_id, outcome, reason, identifiers, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING""";

	/** A split applied: its event rows go to the profiles they belong to now. */
	private static final String MOVE_SPLIT_EVENTS = """
			UPDATE profile.events e SET profile_id = m.profile_id
			FROM profile.split_events m
			WHERE m.split_id = ? AND e.message_id = m.message_id AND e.occurred_at = m.occurred_at
			    AND e.profile_id <> m.profile_id""";

	/** A split applied: identifiers no profile holds any more stop resolving to it. */
	private static final String DROP_SPLIT_IDENTIFIERS = """
			DELETE FROM profile.identifiers i
			USING profile.splits s, unnest(s.dropped_types, s.dropped_values) AS d(type, value)
			WHERE s.split_id = ? AND i.type = d.type AND i.value = d.value AND i.profile_id = s.profile_id""";

	private static final String DECIDE_SPLIT = """
			UPDATE profile.splits SET status = ?, detail = ?, decided_at = ?
			WHERE split_id = ? AND status = 'pending'""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ExperienceRows experience;

	/**
	 * The identifier rows this writer committed last, by identifier key: a new state of a
	 * profile holds all its identifiers, most of them as they were, and the upsert of an
	 * unchanged one changes nothing, so it is not sent. Skipping is safe whatever other
	 * writers did meanwhile: a profile's states reach one writer in order, an
	 * identifier's times and sources only grow with them, and a row moves only to an
	 * older profile, which an unchanged row of a younger one could never undo. Cleared
	 * when a split drops identifier rows, and when it grows past {@link #MAX_WRITTEN}.
	 */
	private final Map<String, WrittenIdentifier> written = new ConcurrentHashMap<>();

	/** The most identifier rows remembered (about 25 MB). */
	static final int MAX_WRITTEN = 100_000;

	private final Counter unchangedIdentifiers;

	ProfileStore(JdbcTemplate jdbc, TransactionTemplate transactions, CxProperties cx, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.experience = new ExperienceRows(cx.rules());
		this.unchangedIdentifiers = Counter.builder("cdp.store.identifiers.unchanged")
			.description("Identifier rows not written again because a profile's new state holds them as they were")
			.register(meters);
	}

	/** Writes one batch atomically, taking row locks in key order (see above). */
	void write(StoreBatch written) {
		List<IdentifierRow> identifiers = new ArrayList<>();
		boolean[] split = new boolean[1];
		this.transactions.executeWithoutResult((status) -> {
			identifiers.clear();
			StoreBatch batch = withoutForgotten(written);
			List<EventRow> events = sorted(batch.events(), EventRow::messageId);
			List<ProfileMerged> merges = sorted(batch.merges(), ProfileMerged::loserId);
			List<Stamped<ProfileState>> newer = newerThanStored(batch.profiles());
			upsertProfiles(newer);
			upsertExperience(newer);
			identifiers.addAll(upsertIdentifiers(newer));
			insertEvents(events);
			insertMerges(merges);
			split[0] = completeSplits(merges);
		});
		// Committed: remember what the table holds now.
		if (split[0] || this.written.size() + identifiers.size() > MAX_WRITTEN) {
			this.written.clear();
		}
		if (!split[0]) {
			identifiers.forEach((row) -> this.written.put(row.key(), row.written()));
		}
	}

	/**
	 * The batch without the records of profiles a privacy request deleted: read again
	 * from the topics (a late record, a replay), they stay deleted. One query for the
	 * batch, on a table that holds only the ids of deleted profiles.
	 */
	private StoreBatch withoutForgotten(StoreBatch batch) {
		Set<String> ids = new HashSet<>();
		batch.profiles().forEach((stamped) -> ids.add(stamped.value().profileId()));
		batch.events().forEach((event) -> ids.add(event.profileId()));
		batch.merges().forEach((merge) -> {
			ids.add(merge.loserId());
			ids.add(merge.winnerId());
		});
		if (ids.isEmpty()) {
			return batch;
		}
		Set<String> forgotten = new HashSet<>();
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(FORGOTTEN);
			statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
			return statement;
		}, (row) -> {
			forgotten.add(row.getString(1));
		});
		if (forgotten.isEmpty()) {
			return batch;
		}
		return new StoreBatch(
				batch.profiles()
					.stream()
					.filter((stamped) -> !forgotten.contains(stamped.value().profileId()))
					.toList(),
				batch.events().stream().filter((event) -> !forgotten.contains(event.profileId())).toList(),
				batch.merges()
					.stream()
					.filter((merge) -> !forgotten.contains(merge.loserId()) && !forgotten.contains(merge.winnerId()))
					.toList());
	}

	private static <T> List<T> sorted(List<T> rows, Function<T, String> key) {
		List<T> copy = new ArrayList<>(rows);
		copy.sort(Comparator.comparing(key));
		return copy;
	}

	/** Creates the monthly event partitions from this month on that do not exist yet. */
	int createEventPartitions(Instant now, int monthsAhead) {
		Integer created = this.jdbc.queryForObject(
				"SELECT profile.create_event_partitions((?::timestamptz AT TIME ZONE 'UTC')::date, ?)", Integer.class,
				Timestamp.from(now), monthsAhead + 1);
		return (created != null) ? created : 0;
	}

	/**
	 * The states of the batch that are newer than what the table holds, the newest per
	 * profile, by profile id: one query for the whole batch rather than a guard per row,
	 * so that identifiers are only written from a state that actually wins.
	 */
	private List<Stamped<ProfileState>> newerThanStored(List<Stamped<ProfileState>> states) {
		Map<String, Stamped<ProfileState>> newest = new TreeMap<>();
		for (Stamped<ProfileState> state : states) {
			newest.merge(state.value().profileId(), state,
					(a, b) -> (b.value().version() > a.value().version()) ? b : a);
		}
		if (newest.isEmpty()) {
			return List.of();
		}
		Map<String, Long> stored = new HashMap<>();
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(CURRENT_VERSIONS);
			statement.setArray(1, connection.createArrayOf("text", newest.keySet().toArray()));
			return statement;
		}, (row) -> {
			stored.put(row.getString(1), row.getLong(2));
		});
		return newest.values()
			.stream()
			.filter((state) -> state.value().version() > stored.getOrDefault(state.value().profileId(), -1L))
			.toList();
	}

	private void upsertProfiles(List<Stamped<ProfileState>> states) {
		batch(UPSERT_PROFILE, states, (statement, stamped) -> {
			ProfileState profile = stamped.value();
			statement.setString(1, profile.profileId());
			statement.setTimestamp(2, Timestamp.from(profile.createdAt()));
			statement.setTimestamp(3, Timestamp.from(stamped.timestamp()));
			statement.setLong(4, profile.version());
			statement.setString(5, (profile.mergedInto() != null) ? profile.mergedInto().profileId() : null);
			statement.setString(6, json(profile.traits()));
			statement.setString(7, json(computed(profile)));
			statement.setArray(8, texts(statement, profile.mergedProfileIds().stream().sorted().toList()));
			statement.setString(9, json((profile.consent() != null) ? profile.consent() : Map.of()));
		});
	}

	/**
	 * The customer-experience row of each active profile: its values that do not depend
	 * on the time they are read at, for the analytics across customers. A profile merged
	 * into another loses its row (its survivor's counts its history). Each profile is in
	 * the batches of one writer only (the topic is keyed by profile id), so that the two
	 * passes take no lock another writer waits for.
	 */
	private void upsertExperience(List<Stamped<ProfileState>> states) {
		List<ExperienceRows.Row> rows = states.stream()
			.filter((stamped) -> !stamped.value().isMerged())
			.map((stamped) -> this.experience.of(stamped.value()))
			.toList();
		List<String> merged = states.stream()
			.filter((stamped) -> stamped.value().isMerged())
			.map((stamped) -> stamped.value().profileId())
			.toList();
		batch(DELETE_EXPERIENCE, merged, (statement, profileId) -> statement.setString(1, profileId));
		batch(UPSERT_EXPERIENCE, rows, (statement, row) -> {
			int column = 0;
			statement.setString(++column, row.profileId());
			statement.setLong(++column, row.version());
			statement.setString(++column, row.stage());
			statement.setTimestamp(++column, timestamp(row.stageEnteredAt()));
			for (JourneyStage stage : JourneyStage.values()) {
				statement.setTimestamp(++column, timestamp(row.entered().get(stage)));
			}
			statement.setTimestamp(++column, timestamp(row.lastActiveAt()));
			statement.setObject(++column, row.atRiskAfterDays());
			statement.setString(++column, row.riskReason());
			statement.setLong(++column, row.orders());
			statement.setTimestamp(++column, timestamp(row.firstPurchaseAt()));
			statement.setTimestamp(++column, timestamp(row.lastPurchaseAt()));
			statement.setString(++column, json(row.lifetimeValue()));
			statement.setObject(++column, row.npsScore(), java.sql.Types.SMALLINT);
			statement.setTimestamp(++column, timestamp(row.npsAnsweredAt()));
			statement.setBigDecimal(++column, row.csatAverage());
			statement.setLong(++column, row.csatCount());
			statement.setLong(++column, row.openTickets());
			statement.setBoolean(++column, row.unsubscribed());
			statement.setTimestamp(++column, timestamp(row.firstTouchAt()));
			statement.setString(++column, row.firstTouchChannel());
			statement.setString(++column, row.firstTouchSource());
		});
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * One row per identifier: when several profiles of the batch name it (a merged
	 * profile and its survivor), the oldest profile's row, which is the one the upsert's
	 * guard would keep. A batched upsert may not touch a row twice in PostgreSQL. Sorted
	 * by identifier.
	 */
	/** Upserts the identifiers of the states that changed, and answers those rows. */
	private List<IdentifierRow> upsertIdentifiers(List<Stamped<ProfileState>> states) {
		Map<String, IdentifierRow> rows = new TreeMap<>();
		for (Stamped<ProfileState> stamped : states) {
			ProfileState profile = stamped.value();
			profile.identifiers()
				.values()
				.forEach((identifier) -> rows.merge(identifier.type() + ":" + identifier.value(),
						new IdentifierRow(profile, identifier),
						(kept, other) -> other.isOlderThan(kept) ? other : kept));
		}
		List<IdentifierRow> changed = new ArrayList<>(rows.size());
		for (IdentifierRow row : rows.values()) {
			if (!row.written().equals(this.written.get(row.key()))) {
				changed.add(row);
			}
		}
		this.unchangedIdentifiers.increment(rows.size() - changed.size());
		batch(UPSERT_IDENTIFIER, changed, (statement, row) -> {
			statement.setString(1, row.identifier().type());
			statement.setString(2, row.identifier().value());
			statement.setString(3, row.profile().profileId());
			statement.setTimestamp(4, Timestamp.from(row.profile().createdAt()));
			statement.setTimestamp(5, Timestamp.from(row.identifier().firstSeen()));
			statement.setTimestamp(6, Timestamp.from(row.identifier().lastSeen()));
			statement.setArray(7, texts(statement, row.identifier().sources().stream().sorted().toList()));
		});
		return changed;
	}

	private void insertEvents(List<EventRow> events) {
		batch(INSERT_EVENT, events, (statement, event) -> {
			statement.setString(1, event.messageId());
			statement.setString(2, event.profileId());
			statement.setTimestamp(3, Timestamp.from(event.occurredAt()));
			statement.setTimestamp(4, Timestamp.from(event.receivedAt()));
			statement.setString(5, event.type());
			statement.setString(6, event.name());
			statement.setString(7, event.channel());
			statement.setString(8, event.sourceId());
			statement.setString(9, event.json());
		});
	}

	private void insertMerges(List<ProfileMerged> merges) {
		batch(INSERT_DECISION, merges, (statement, merge) -> {
			statement.setString(1, merge.loserId());
			statement.setString(2, merge.winnerId());
			statement.setString(3, merge.causeMessageId());
			statement.setString(4, merge.outcome());
			statement.setString(5, merge.reason());
			statement.setArray(6, texts(statement, merge.identifiers()));
			statement.setTimestamp(7, Timestamp.from(merge.mergedAt()));
		});
		batch(INSERT_MERGE, merges.stream().filter(ProfileMerged::merged).toList(), (statement, merge) -> {
			statement.setString(1, merge.loserId());
			statement.setString(2, merge.winnerId());
			statement.setString(3, merge.causeMessageId());
			statement.setTimestamp(4, Timestamp.from(merge.mergedAt()));
		});
	}

	/**
	 * Completes the splits the topology decided in this batch: an applied one moves its
	 * event rows and drops the identifiers no profile holds; either way its status is
	 * recorded. Completing one twice changes nothing.
	 */
	private boolean completeSplits(List<ProfileMerged> merges) {
		Map<String, ProfileMerged> decided = new LinkedHashMap<>();
		for (ProfileMerged merge : merges) {
			boolean split = ProfileMerged.SPLIT.equals(merge.outcome());
			if ((split || ProfileMerged.SPLIT_REFUSED.equals(merge.outcome()))
					&& merge.causeMessageId().startsWith(ProfileMerged.SPLIT_CAUSE_PREFIX)) {
				decided.putIfAbsent(merge.causeMessageId().substring(ProfileMerged.SPLIT_CAUSE_PREFIX.length()), merge);
			}
		}
		decided.forEach((splitId, merge) -> {
			boolean applied = ProfileMerged.SPLIT.equals(merge.outcome());
			if (applied) {
				this.jdbc.update(MOVE_SPLIT_EVENTS, splitId);
				this.jdbc.update(DROP_SPLIT_IDENTIFIERS, splitId);
			}
			this.jdbc.update(DECIDE_SPLIT, applied ? "applied" : "refused", applied ? null : merge.reason(),
					Timestamp.from(merge.mergedAt()), splitId);
		});
		return !decided.isEmpty();
	}

	private <T> void batch(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(sql, rows, rows.size(), setter);
		}
	}

	private static Map<String, @Nullable Object> computed(ProfileState profile) {
		Map<String, @Nullable Object> computed = new LinkedHashMap<>();
		computed.put("firstSeen", profile.firstSeen());
		computed.put("lastSeen", profile.lastSeen());
		computed.put("eventCount", profile.eventCount());
		computed.put("eventsByChannel", profile.eventsByChannel());
		computed.put("eventsByType", profile.eventsByType());
		// The facts, not the values derived from them: the API derives those as of each
		// request, so that recency and at-risk are right without a new event.
		if (profile.cx() != null) {
			computed.put("cx", profile.cx());
		}
		return computed;
	}

	private static String json(Object value) {
		return ContractJson.mapper().writeValueAsString(value);
	}

	private static Array texts(PreparedStatement statement, Collection<String> values) throws SQLException {
		return statement.getConnection().createArrayOf("text", values.toArray());
	}

	/** A record's value with its Kafka timestamp, which becomes {@code updated_at}. */
	record Stamped<T>(T value, Instant timestamp) {

	}

	/** One batch of the three topics. */
	record StoreBatch(List<Stamped<ProfileState>> profiles, List<EventRow> events, List<ProfileMerged> merges) {

		int size() {
			return this.profiles.size() + this.events.size() + this.merges.size();
		}

	}

	private record IdentifierRow(ProfileState profile, IdentifierRecord identifier) {

		String key() {
			return this.identifier.type() + ":" + this.identifier.value();
		}

		WrittenIdentifier written() {
			return new WrittenIdentifier(this.profile.profileId(), this.profile.createdAt(), this.identifier);
		}

		/** Ordered as the upsert's guard orders them: creation time, then profile id. */
		boolean isOlderThan(IdentifierRow other) {
			int byCreation = this.profile.createdAt().compareTo(other.profile.createdAt());
			return (byCreation != 0) ? byCreation < 0
					: this.profile.profileId().compareTo(other.profile.profileId()) < 0;
		}

	}

	/** What an identifier row was written with. */
	private record WrittenIdentifier(String profileId, Instant profileCreatedAt, IdentifierRecord identifier) {

	}

}
