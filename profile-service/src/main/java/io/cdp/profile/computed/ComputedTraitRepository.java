package io.cdp.profile.computed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.computed.TraitSql.Statement;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of V6: the definitions, their values and the queue of profiles to recompute.
 * Every statement is parameterised; the recomputation is the one statement
 * {@link TraitSql} compiles.
 */
@Repository
class ComputedTraitRepository {

	/**
	 * The advisory lock that makes the job run on one instance at a time, and that the
	 * admin changes take too: any number no other lock of the schema uses (the rollup
	 * fold's is {@code cdproll}).
	 */
	static final long LOCK = 0x63_64_70_74_72_61_69_74L;

	private static final int MAX_HOPS = 32;

	private static final String SELECT_TRAIT = """
			SELECT id, name, definition::text AS definition, status, created_at, updated_at, ready_at,
			    backfill_cursor, backfill_done, backfill_total
			FROM profile.computed_traits""";

	/**
	 * Each id to the active profile it is or was merged into (itself when it has no
	 * profile row yet); an id whose chain ends nowhere has no row in the answer.
	 */
	private static final String RESOLVE = """
			WITH RECURSIVE chain (start_id, profile_id, merged_into, hops) AS (
			    SELECT s.id, s.id, p.merged_into, 0
			    FROM unnest(CAST(:ids AS text[])) AS s(id) LEFT JOIN profile.profiles p ON p.profile_id = s.id
			    UNION ALL
			    SELECT c.start_id, p.profile_id, p.merged_into, c.hops + 1
			    FROM chain c JOIN profile.profiles p ON p.profile_id = c.merged_into
			    WHERE c.hops < %d
			)
			SELECT start_id, profile_id FROM chain WHERE merged_into IS NULL""".formatted(MAX_HOPS);

	private final JdbcClient jdbc;

	ComputedTraitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Waits for the job's lock, for the rest of the transaction. */
	void lock() {
		this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOCK).query(Integer.class).single();
	}

	/** Takes the job's lock for the rest of the transaction, unless another holds it. */
	boolean tryLock() {
		return Boolean.TRUE
			.equals(this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single());
	}

	List<StoredTrait> all() {
		return this.jdbc.sql(SELECT_TRAIT + " ORDER BY id").query(this::trait).list();
	}

	Optional<StoredTrait> find(long id) {
		return this.jdbc.sql(SELECT_TRAIT + " WHERE id = ?").param(id).query(this::trait).optional();
	}

	Optional<StoredTrait> find(String name) {
		return this.jdbc.sql(SELECT_TRAIT + " WHERE name = ?").param(name).query(this::trait).optional();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM profile.computed_traits").query(Long.class).single();
	}

	/** Stores a new definition, backfilling; empty when the name is taken. */
	Optional<Long> create(TraitDefinition definition, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO profile.computed_traits (name, aggregate, window_days, definition, status, created_at,
				    updated_at)
				VALUES (:name, :aggregate, :windowDays, CAST(:definition AS jsonb), 'backfilling', :now, :now)
				ON CONFLICT (name) DO NOTHING
				RETURNING id""")
			.param("name", definition.name())
			.param("aggregate", definition.aggregate().wireName())
			.param("windowDays", definition.windowDays(), java.sql.Types.INTEGER)
			.param("definition", json(definition))
			.param("now", TraitSql.timestamp(now))
			.query(Long.class)
			.optional();
	}

	/**
	 * Replaces a definition, which is backfilled again from the start, and removes its
	 * values.
	 * @return false when no definition has the id
	 * @throws org.springframework.dao.DuplicateKeyException when another has the name
	 */
	boolean replace(long id, TraitDefinition definition, Instant now) {
		int updated = this.jdbc.sql("""
				UPDATE profile.computed_traits SET name = :name, aggregate = :aggregate, window_days = :windowDays,
				    definition = CAST(:definition AS jsonb), status = 'backfilling', updated_at = :now,
				    backfill_cursor = NULL, backfill_done = 0, backfill_total = NULL, ready_at = NULL
				WHERE id = :id""")
			.param("id", id)
			.param("name", definition.name())
			.param("aggregate", definition.aggregate().wireName())
			.param("windowDays", definition.windowDays(), java.sql.Types.INTEGER)
			.param("definition", json(definition))
			.param("now", TraitSql.timestamp(now))
			.update();
		if (updated > 0) {
			this.jdbc.sql("DELETE FROM profile.computed_trait_values WHERE trait_id = ?").param(id).update();
		}
		return updated > 0;
	}

	/** Deletes a definition and its values. */
	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM profile.computed_traits WHERE id = ?").param(id).update() > 0;
	}

	/**
	 * Takes up to {@code limit} queued profile ids, each with every row that queued it: a
	 * profile queued by many statements is recomputed once.
	 */
	Set<String> takePending(int limit) {
		return new LinkedHashSet<>(this.jdbc.sql("""
				WITH taken AS (SELECT DISTINCT profile_id FROM profile.computed_trait_pending LIMIT ?)
				DELETE FROM profile.computed_trait_pending p USING taken t WHERE p.profile_id = t.profile_id
				RETURNING p.profile_id""").param(limit).query(String.class).list());
	}

	/** Forgets the queue: nothing to compute without a definition. */
	void clearPending() {
		this.jdbc.sql("DELETE FROM profile.computed_trait_pending").update();
	}

	/** Profiles with a windowed value whose oldest counted event has left the window. */
	List<String> expired(Instant now, int limit) {
		return this.jdbc
			.sql("""
					SELECT DISTINCT profile_id FROM (
					    SELECT profile_id FROM profile.computed_trait_values WHERE expires_at <= ? ORDER BY expires_at LIMIT ?
					) x""")
			.param(TraitSql.timestamp(now))
			.param(limit)
			.query(String.class)
			.list();
	}

	/** Each id to its active profile, for the ids that have one. */
	Map<String, String> resolve(Set<String> ids) {
		Map<String, String> active = new LinkedHashMap<>();
		this.jdbc.sql(RESOLVE).param("ids", ids.toArray(String[]::new)).query((row) -> {
			active.put(row.getString("start_id"), row.getString("profile_id"));
		});
		return active;
	}

	/** Removes every value of these profiles (merged away). */
	int deleteValues(Set<String> profileIds) {
		if (profileIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("DELETE FROM profile.computed_trait_values WHERE profile_id = ANY(CAST(:ids AS text[]))")
			.param("ids", profileIds.toArray(String[]::new))
			.update();
	}

	/**
	 * Recomputes the definitions' values of the profiles from their events and writes
	 * them.
	 * @return values written and removed
	 */
	long[] recompute(Map<Long, TraitDefinition> traits, Set<String> profileIds, Instant now) {
		if (traits.isEmpty() || profileIds.isEmpty()) {
			return new long[2];
		}
		Statement statement = TraitSql.recompute(traits, profileIds.toArray(String[]::new), now);
		return this.jdbc.sql(statement.sql())
			.params(statement.params())
			.query((row, number) -> new long[] { row.getLong("written"), row.getLong("removed") })
			.single();
	}

	/**
	 * Takes up to {@code limit} profile ids whose values changed, each with every row
	 * that noted it.
	 */
	Set<String> takeChanged(int limit) {
		return new LinkedHashSet<>(this.jdbc.sql("""
				WITH taken AS (SELECT DISTINCT profile_id FROM profile.computed_trait_changes LIMIT ?)
				DELETE FROM profile.computed_trait_changes c USING taken t WHERE c.profile_id = t.profile_id
				RETURNING c.profile_id""").param(limit).query(String.class).list());
	}

	/**
	 * All the values of those of the profiles that are active, by trait name, in profile
	 * id order; an active profile without any value has an empty map.
	 */
	List<ProfileValues> valuesOf(Set<String> profileIds) {
		if (profileIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT p.profile_id, p.created_at,
				    (SELECT coalesce(jsonb_object_agg(t.name, v.value), '{}')::text
				     FROM profile.computed_trait_values v JOIN profile.computed_traits t ON t.id = v.trait_id
				     WHERE v.profile_id = p.profile_id) AS trait_values
				FROM profile.profiles p
				WHERE p.profile_id = ANY(CAST(:ids AS text[])) AND p.merged_into IS NULL
				ORDER BY p.profile_id""")
			.param("ids", profileIds.toArray(String[]::new))
			.query((row, number) -> new ProfileValues(row.getString("profile_id"),
					row.getObject("created_at", OffsetDateTime.class).toInstant(), row.getString("trait_values")))
			.list();
	}

	/** The next active profiles after the cursor, in id order. */
	List<String> activeProfilesAfter(@Nullable String cursor, int limit) {
		return this.jdbc.sql("""
				SELECT profile_id FROM profile.profiles
				WHERE merged_into IS NULL AND profile_id > coalesce(CAST(:cursor AS text), '')
				ORDER BY profile_id LIMIT :limit""")
			.param("cursor", cursor, java.sql.Types.VARCHAR)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	long activeProfiles() {
		return this.jdbc.sql("SELECT count(*) FROM profile.profiles WHERE merged_into IS NULL")
			.query(Long.class)
			.single();
	}

	/** Records a backfill chunk done, and the definition ready when it was the last. */
	void advanceBackfill(long id, @Nullable String cursor, long done, long total, boolean finished, Instant now) {
		this.jdbc.sql("""
				UPDATE profile.computed_traits SET backfill_cursor = :cursor, backfill_done = :done,
				    backfill_total = :total, status = CASE WHEN :finished THEN 'ready' ELSE status END,
				    ready_at = CASE WHEN :finished THEN CAST(:now AS timestamptz) ELSE ready_at END
				WHERE id = :id AND status = 'backfilling'""")
			.param("id", id)
			.param("cursor", cursor, java.sql.Types.VARCHAR)
			.param("done", done)
			.param("total", total)
			.param("finished", finished)
			.param("now", TraitSql.timestamp(now))
			.update();
	}

	private StoredTrait trait(ResultSet rs, int row) throws SQLException {
		long read = rs.getLong("backfill_total");
		// wasNull speaks of the column read last: ask before reading another.
		Long total = rs.wasNull() ? null : read;
		return new StoredTrait(rs.getLong("id"), rs.getString("name"), rs.getString("definition"),
				rs.getString("status"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "ready_at"),
				rs.getString("backfill_cursor"), rs.getLong("backfill_done"), total);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String json(TraitDefinition definition) {
		return ContractJson.mapper().writeValueAsString(definition.toJson());
	}

	/**
	 * The computed trait values of an active profile.
	 *
	 * @param profileId the profile
	 * @param createdAt when it was created
	 * @param values its values by trait name, as a JSON object
	 */
	record ProfileValues(String profileId, Instant createdAt, String values) {

	}

	/**
	 * A definition as stored.
	 *
	 * @param id its id
	 * @param name its name
	 * @param definition the definition's JSON
	 * @param status {@code backfilling} or {@code ready}
	 * @param createdAt when it was created
	 * @param updatedAt when it was last replaced
	 * @param readyAt when its backfill ended
	 * @param cursor the last profile id its backfill did
	 * @param done how many profiles its backfill did
	 * @param total how many active profiles there were when its backfill started
	 */
	record StoredTrait(long id, String name, String definition, String status, Instant createdAt, Instant updatedAt,
			@Nullable Instant readyAt, @Nullable String cursor, long done, @Nullable Long total) {

		boolean ready() {
			return "ready".equals(this.status);
		}

	}

}
