package io.cdp.profile.privacy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.privacy.IdentifierHash;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The privacy requests, the person a request names, and the deletion of a person from the
 * serving store.
 */
@Repository
class PrivacyRepository {

	/**
	 * Every table of the serving store that holds rows of a person, with the columns that
	 * name the profile; a deletion removes the rows where any of them is one of the
	 * person's profile ids. Tables that hold counts only (the analytics rollups) are not
	 * here: their rows name nobody.
	 */
	static final Map<String, List<String>> PERSONAL_TABLES = personalTables();

	private static final TypeReference<Map<String, Object>> REMOVED = new TypeReference<>() {
	};

	/** Deep enough for any chain of merges the service makes (each hop is one merge). */
	private static final int MAX_HOPS = 100;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	PrivacyRepository(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	private static Map<String, List<String>> personalTables() {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("audience_members", List.of("profile_id"));
		tables.put("destination_deliveries", List.of("profile_id"));
		tables.put("computed_trait_values", List.of("profile_id"));
		tables.put("computed_trait_pending", List.of("profile_id"));
		tables.put("computed_trait_changes", List.of("profile_id"));
		tables.put("experience", List.of("profile_id"));
		tables.put("purchases", List.of("profile_id"));
		tables.put("split_events", List.of("profile_id"));
		tables.put("splits", List.of("profile_id"));
		tables.put("merge_log", List.of("loser_id", "winner_id"));
		tables.put("merges", List.of("loser_id", "winner_id"));
		tables.put("events", List.of("profile_id"));
		tables.put("identifiers", List.of("profile_id"));
		tables.put("profiles", List.of("profile_id", "merged_into"));
		return java.util.Collections.unmodifiableMap(tables);
	}

	void insert(PrivacyRequest request) {
		this.jdbc.sql("""
				INSERT INTO profile.privacy_requests (request_id, type, identifier_hash, requested_by, requested_at,
				    status, stage, profile_id, profile_ids, identifier_hashes)
				VALUES (:id, :type, :hash, :by, :at, :status, :stage, :profileId, :profileIds, :hashes)""")
			.param("id", request.requestId())
			.param("type", request.type())
			.param("hash", request.identifierHash())
			.param("by", request.requestedBy())
			.param("at", Timestamp.from(request.requestedAt()))
			.param("status", request.status())
			.param("stage", request.stage())
			.param("profileId", request.profileId())
			.param("profileIds", request.profileIds().toArray(String[]::new))
			.param("hashes", request.identifierHashes().toArray(String[]::new))
			.update();
	}

	Optional<PrivacyRequest> find(String requestId) {
		return this.jdbc.sql("SELECT * FROM profile.privacy_requests WHERE request_id = ?")
			.param(requestId)
			.query(this::request)
			.optional();
	}

	/** The pending requests, oldest first. */
	List<String> pending() {
		return this.jdbc
			.sql("SELECT request_id FROM profile.privacy_requests WHERE status = 'pending' ORDER BY requested_at")
			.query(String.class)
			.list();
	}

	void stage(String requestId, String stage, @Nullable String detail) {
		this.jdbc.sql("UPDATE profile.privacy_requests SET stage = ?, detail = ? WHERE request_id = ?")
			.param(stage)
			.param(detail)
			.param(requestId)
			.update();
	}

	void complete(String requestId, Map<String, Object> removed, Instant at) {
		this.jdbc.sql("""
				UPDATE profile.privacy_requests SET status = 'completed', stage = 'done', detail = NULL,
				    removed = CAST(:removed AS jsonb), completed_at = :at
				WHERE request_id = :id""")
			.param("removed", ContractJson.mapper().writeValueAsString(removed))
			.param("at", Timestamp.from(at))
			.param("id", requestId)
			.update();
	}

	/**
	 * The person a normalised identifier names: the active profile it belongs to (after
	 * the merges), the ids merged into it, and the hashes of all their identifiers.
	 * @param identifier the identifier, normalised
	 * @return the person, or empty when no profile holds the identifier
	 */
	Optional<Person> person(Identifier identifier) {
		Optional<String> active = this.jdbc.sql("""
				WITH RECURSIVE chain (profile_id, merged_into, hops) AS (
				    SELECT p.profile_id, p.merged_into, 0
				    FROM profile.identifiers i JOIN profile.profiles p ON p.profile_id = i.profile_id
				    WHERE i.type = :type AND i.value = :value
				  UNION ALL
				    SELECT p.profile_id, p.merged_into, c.hops + 1
				    FROM chain c JOIN profile.profiles p ON p.profile_id = c.merged_into
				    WHERE c.hops < :maxHops
				)
				SELECT profile_id FROM chain WHERE merged_into IS NULL LIMIT 1""")
			.param("type", identifier.type().name())
			.param("value", identifier.value())
			.param("maxHops", MAX_HOPS)
			.query(String.class)
			.optional();
		return active.map(this::personOf);
	}

	private Person personOf(String profileId) {
		Set<String> ids = new LinkedHashSet<>();
		ids.add(profileId);
		ids.addAll(this.jdbc.sql("SELECT merged_profile_ids FROM profile.profiles WHERE profile_id = ?")
			.param(profileId)
			.query((rs, row) -> strings(rs.getArray(1)))
			.optional()
			.orElse(List.of()));
		List<String> hashes = this.jdbc
			.sql("SELECT DISTINCT type, value FROM profile.identifiers WHERE profile_id = ANY(CAST(:ids AS text[]))")
			.param("ids", ids.toArray(String[]::new))
			.query((rs, row) -> IdentifierHash
				.of(new Identifier(IdentifierType.of(rs.getString("type")), rs.getString("value"))))
			.list();
		return new Person(profileId, List.copyOf(ids), hashes);
	}

	/** Puts identifiers on the suppression list's table; those on it already stay. */
	void suppress(List<String> hashes, String requestId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO profile.suppressions (identifier_hash, request_id, suppressed_at)
				SELECT hash, :requestId, :at FROM unnest(CAST(:hashes AS text[])) AS hash
				ON CONFLICT (identifier_hash) DO NOTHING""")
			.param("requestId", requestId)
			.param("at", Timestamp.from(at))
			.param("hashes", hashes.toArray(String[]::new))
			.update();
	}

	/**
	 * Marks profile ids deleted, so that the store writer drops what it reads of them.
	 */
	void forgotten(List<String> profileIds, String requestId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO profile.forgotten_profiles (profile_id, request_id, forgotten_at)
				SELECT id, :requestId, :at FROM unnest(CAST(:ids AS text[])) AS id
				ON CONFLICT (profile_id) DO NOTHING""")
			.param("requestId", requestId)
			.param("at", Timestamp.from(at))
			.param("ids", profileIds.toArray(String[]::new))
			.update();
	}

	/**
	 * Deletes every row of the person from the serving store in one transaction: the
	 * given profile ids, and any merged into them since the request was made.
	 * @param profileIds the person's profile ids
	 * @param requestId the request, for the ids found on the way
	 * @param at the time of the deletion
	 * @return the rows removed per table, and the profile ids deleted
	 */
	Deletion delete(List<String> profileIds, String requestId, Instant at) {
		Deletion deletion = this.transactions.execute((status) -> {
			Set<String> ids = new LinkedHashSet<>(profileIds);
			ids.addAll(this.jdbc.sql("""
					SELECT DISTINCT unnest(merged_profile_ids) FROM profile.profiles
					WHERE profile_id = ANY(CAST(:ids AS text[]))
					UNION
					SELECT profile_id FROM profile.profiles WHERE merged_into = ANY(CAST(:ids AS text[]))""")
				.param("ids", ids.toArray(String[]::new))
				.query(String.class)
				.list());
			List<String> all = List.copyOf(ids);
			forgotten(all, requestId, at);
			Map<String, Long> removed = new LinkedHashMap<>();
			for (Map.Entry<String, List<String>> table : PERSONAL_TABLES.entrySet()) {
				List<String> conditions = new ArrayList<>();
				for (String column : table.getValue()) {
					conditions.add(column + " = ANY(CAST(:ids AS text[]))");
				}
				long rows = this.jdbc
					.sql("DELETE FROM profile." + table.getKey() + " WHERE " + String.join(" OR ", conditions))
					.param("ids", all.toArray(String[]::new))
					.update();
				removed.put(table.getKey(), rows);
			}
			return new Deletion(all, removed);
		});
		if (deletion == null) {
			throw new IllegalStateException("The deletion's transaction answered nothing");
		}
		return deletion;
	}

	private PrivacyRequest request(ResultSet rs, int row) throws SQLException {
		Timestamp completed = rs.getTimestamp("completed_at");
		return new PrivacyRequest(rs.getString("request_id"), rs.getString("type"), rs.getString("identifier_hash"),
				rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("status"),
				rs.getString("stage"), rs.getString("profile_id"), strings(rs.getArray("profile_ids")),
				strings(rs.getArray("identifier_hashes")),
				ContractJson.mapper().readValue(rs.getString("removed"), REMOVED), rs.getString("detail"),
				(completed != null) ? completed.toInstant() : null);
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	/**
	 * The person a request names.
	 *
	 * @param profileId the active profile
	 * @param profileIds it and the ids merged into it
	 * @param identifierHashes the hashes of their identifiers
	 */
	record Person(String profileId, List<String> profileIds, List<String> identifierHashes) {

	}

	/**
	 * What a deletion removed.
	 *
	 * @param profileIds the profile ids deleted
	 * @param rows the rows removed per table
	 */
	record Deletion(List<String> profileIds, Map<String, Long> rows) {

	}

}
