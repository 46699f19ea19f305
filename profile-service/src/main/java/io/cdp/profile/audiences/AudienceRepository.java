package io.cdp.profile.audiences;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of V11: the audience definitions and their current members. Every statement
 * is parameterised; member pages are keyset pages on the primary key.
 */
@Repository
class AudienceRepository {

	/** The advisory lock the admin changes take, so that the limit holds. */
	static final long LOCK = 0x63_64_70_61_75_64_69_65L;

	private static final String SELECT = """
			SELECT id, name, condition::text AS condition, status, created_at, updated_at, version,
			    published_version, members_changed_at,
			    (SELECT count(*) FROM profile.audience_members m WHERE m.audience_id = a.id) AS size
			FROM profile.audiences a""";

	private final JdbcClient jdbc;

	AudienceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Waits for the lock of the admin changes, for the rest of the transaction. */
	void lock() {
		this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOCK).query(Integer.class).single();
	}

	long countActive() {
		return this.jdbc.sql("SELECT count(*) FROM profile.audiences WHERE status = 'active'")
			.query(Long.class)
			.single();
	}

	List<StoredAudience> active() {
		return this.jdbc.sql(SELECT + " WHERE status = 'active' ORDER BY id").query(this::audience).list();
	}

	Optional<StoredAudience> find(long id) {
		return this.jdbc.sql(SELECT + " WHERE id = ? AND status = 'active'").param(id).query(this::audience).optional();
	}

	Optional<StoredAudience> find(String name) {
		return this.jdbc.sql(SELECT + " WHERE name = ? AND status = 'active'")
			.param(name)
			.query(this::audience)
			.optional();
	}

	/** Stores a new audience; empty when an active one has the name. */
	Optional<Long> create(String name, String condition, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO profile.audiences (name, condition, status, created_at, updated_at)
				VALUES (:name, CAST(:condition AS jsonb), 'active', :now, :now)
				ON CONFLICT (name) WHERE status = 'active' DO NOTHING
				RETURNING id""")
			.param("name", name)
			.param("condition", condition)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional();
	}

	/**
	 * Replaces an audience's definition, as a new version.
	 * @return false when no active audience has the id
	 * @throws org.springframework.dao.DuplicateKeyException when another has the name
	 */
	boolean replace(long id, String name, String condition, Instant now) {
		return this.jdbc.sql("""
				UPDATE profile.audiences SET name = :name, condition = CAST(:condition AS jsonb), updated_at = :now,
				    version = version + 1
				WHERE id = :id AND status = 'active'""")
			.param("id", id)
			.param("name", name)
			.param("condition", condition)
			.param("now", Timestamp.from(now))
			.update() > 0;
	}

	/**
	 * Marks an audience deleted: its name is free at once, its row stays until the
	 * tombstone was published ({@link #remove}), and its members go.
	 */
	boolean markDeleted(long id, Instant now) {
		boolean deleted = this.jdbc.sql("""
				UPDATE profile.audiences SET status = 'deleted', updated_at = :now, version = version + 1
				WHERE id = :id AND status = 'active'""").param("id", id).param("now", Timestamp.from(now)).update() > 0;
		if (deleted) {
			this.jdbc.sql("DELETE FROM profile.audience_members WHERE audience_id = ?").param(id).update();
		}
		return deleted;
	}

	/** Removes a deleted audience whose tombstone was published. */
	void remove(long id) {
		this.jdbc.sql("DELETE FROM profile.audiences WHERE id = ? AND status = 'deleted'").param(id).update();
	}

	/** Every deleted audience whose tombstone was not yet published. */
	List<Long> deleted() {
		return this.jdbc.sql("SELECT id FROM profile.audiences WHERE status = 'deleted' ORDER BY id")
			.query(Long.class)
			.list();
	}

	/** Records that Kafka acknowledged a version (never moves back). */
	void published(long id, long version) {
		this.jdbc.sql("""
				UPDATE profile.audiences SET published_version = :version
				WHERE id = :id AND (published_version IS NULL OR published_version < :version)""")
			.param("id", id)
			.param("version", version)
			.update();
	}

	/**
	 * Applies a poll of the current members: a membership is stored or replaced, a
	 * tombstone removes the row; memberships of audiences that no longer exist are
	 * dropped. The changed audiences' last change is set.
	 */
	void applyMembers(List<MemberChange> changes, Instant now) {
		if (changes.isEmpty()) {
			return;
		}
		// A key seen twice in one poll keeps its last record.
		Map<String, MemberChange> last = new LinkedHashMap<>();
		changes.forEach((change) -> last.put(change.audienceId() + ":" + change.profileId(), change));
		List<String[]> upserts = new ArrayList<>();
		List<String[]> deletes = new ArrayList<>();
		for (MemberChange change : last.values()) {
			if (change.enteredAt() != null) {
				upserts.add(new String[] { Long.toString(change.audienceId()), change.profileId(),
						change.enteredAt().toString() });
			}
			else {
				deletes.add(new String[] { Long.toString(change.audienceId()), change.profileId() });
			}
		}
		if (!deletes.isEmpty()) {
			this.jdbc.sql("""
					DELETE FROM profile.audience_members m
					USING unnest(CAST(:audiences AS bigint[]), CAST(:profiles AS text[])) AS d(audience_id, profile_id)
					WHERE m.audience_id = d.audience_id AND m.profile_id = d.profile_id""")
				.param("audiences", deletes.stream().map((row) -> row[0]).toArray(String[]::new))
				.param("profiles", deletes.stream().map((row) -> row[1]).toArray(String[]::new))
				.update();
		}
		if (!upserts.isEmpty()) {
			this.jdbc.sql("""
					INSERT INTO profile.audience_members (audience_id, profile_id, entered_at)
					SELECT u.audience_id, u.profile_id, u.entered_at
					FROM unnest(CAST(:audiences AS bigint[]), CAST(:profiles AS text[]),
					    CAST(:entered AS timestamptz[])) AS u(audience_id, profile_id, entered_at)
					WHERE EXISTS (SELECT 1 FROM profile.audiences a WHERE a.id = u.audience_id AND a.status = 'active')
					ON CONFLICT (audience_id, profile_id) DO UPDATE SET entered_at = excluded.entered_at""")
				.param("audiences", upserts.stream().map((row) -> row[0]).toArray(String[]::new))
				.param("profiles", upserts.stream().map((row) -> row[1]).toArray(String[]::new))
				.param("entered", upserts.stream().map((row) -> row[2]).toArray(String[]::new))
				.update();
		}
		this.jdbc.sql("UPDATE profile.audiences SET members_changed_at = :now WHERE id = ANY(CAST(:ids AS bigint[]))")
			.param("now", Timestamp.from(now))
			.param("ids",
					last.values()
						.stream()
						.map((change) -> Long.toString(change.audienceId()))
						.distinct()
						.toArray(String[]::new))
			.update();
	}

	/**
	 * A page of an audience's members in profile id order, after a profile id, with the
	 * identifiers of the types asked for.
	 */
	List<Member> members(long audienceId, @Nullable String after, int limit, List<String> identifierTypes) {
		List<Member> members = this.jdbc.sql("""
				SELECT profile_id, entered_at FROM profile.audience_members
				WHERE audience_id = :audience AND profile_id > :after
				ORDER BY profile_id LIMIT :limit""")
			.param("audience", audienceId)
			.param("after", (after != null) ? after : "")
			.param("limit", limit)
			.query((rs, row) -> new Member(rs.getString("profile_id"), instant(rs, "entered_at"),
					new LinkedHashMap<>()))
			.list();
		if (members.isEmpty() || identifierTypes.isEmpty()) {
			return members;
		}
		Map<String, Member> byId = new HashMap<>();
		members.forEach((member) -> byId.put(member.profileId(), member));
		this.jdbc.sql("""
				SELECT profile_id, type, value FROM profile.identifiers
				WHERE profile_id = ANY(CAST(:ids AS text[])) AND type = ANY(CAST(:types AS text[]))
				ORDER BY profile_id, type, last_seen DESC, value""")
			.param("ids", byId.keySet().toArray(String[]::new))
			.param("types", identifierTypes.toArray(String[]::new))
			.query((rs) -> {
				Member member = byId.get(rs.getString("profile_id"));
				if (member != null) {
					member.identifiers()
						.computeIfAbsent(rs.getString("type"), (type) -> new ArrayList<>())
						.add(rs.getString("value"));
				}
			});
		return members;
	}

	private StoredAudience audience(ResultSet rs, int row) throws SQLException {
		long published = rs.getLong("published_version");
		return new StoredAudience(rs.getLong("id"), rs.getString("name"), rs.getString("condition"),
				rs.getString("status"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"),
				rs.wasNull() ? null : published, nullableInstant(rs, "members_changed_at"), rs.getLong("size"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * An audience as stored.
	 *
	 * @param id its id
	 * @param name its name
	 * @param condition the condition's canonical JSON
	 * @param status {@code active} or {@code deleted}
	 * @param createdAt when it was created
	 * @param updatedAt when it was last replaced
	 * @param version counts the replacements, from 1
	 * @param publishedVersion the version Kafka last acknowledged, or null
	 * @param membersChangedAt when its members last changed in this store, or null
	 * @param size how many members it has
	 */
	record StoredAudience(long id, String name, String condition, String status, Instant createdAt, Instant updatedAt,
			long version, @Nullable Long publishedVersion, @Nullable Instant membersChangedAt, long size) {

	}

	/**
	 * One record of {@code cdp.audience-memberships.v1}.
	 *
	 * @param audienceId the audience
	 * @param profileId the profile
	 * @param enteredAt when it entered, or null for a tombstone (it left)
	 */
	record MemberChange(long audienceId, String profileId, @Nullable Instant enteredAt) {

	}

	/**
	 * A member.
	 *
	 * @param profileId the profile
	 * @param enteredAt when it entered
	 * @param identifiers the identifiers of the types asked for, newest first per type
	 */
	record Member(String profileId, Instant enteredAt, Map<String, List<String>> identifiers) {

	}

}
