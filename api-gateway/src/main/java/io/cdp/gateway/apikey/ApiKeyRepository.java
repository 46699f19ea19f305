package io.cdp.gateway.apikey;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys in PostgreSQL ({@code gateway.api_keys}). Every call blocks. */
@Repository
class ApiKeyRepository {

	private static final String COLUMNS = "id, name, key_hash, scopes, created_at, last_used_at, revoked_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	ApiKeyRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	List<ApiKey> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM gateway.api_keys ORDER BY created_at, id")
			.query(ApiKeyRepository::apiKey)
			.list();
	}

	boolean anyActiveWithScope(Scope scope) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM gateway.api_keys WHERE revoked_at IS NULL AND ? = ANY (scopes))")
			.param(scope.wireName())
			.query(Boolean.class)
			.single();
	}

	void insert(ApiKey key) {
		this.jdbc.sql("""
				INSERT INTO gateway.api_keys (id, name, key_hash, scopes, created_at)
				VALUES (?, ?, ?, ?::text[], ?)
				""")
			.params(key.id(), key.name(), key.keyHash(), arrayLiteral(key.scopes()), Timestamp.from(key.createdAt()))
			.update();
	}

	boolean revoke(String id) {
		return this.jdbc.sql("UPDATE gateway.api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")
			.param(id)
			.update() == 1;
	}

	boolean exists(String id) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM gateway.api_keys WHERE id = ?)")
			.param(id)
			.query(Boolean.class)
			.single();
	}

	/** Records when keys were last used; an older time never overwrites a newer one. */
	void recordLastUsed(Map<String, Instant> lastUsedById) {
		List<Object[]> rows = lastUsedById.entrySet()
			.stream()
			.map((entry) -> new Object[] { Timestamp.from(entry.getValue()), entry.getKey() })
			.toList();
		this.template.batchUpdate(
				"UPDATE gateway.api_keys SET last_used_at = greatest(last_used_at, ?::timestamptz) WHERE id = ?", rows);
	}

	private static String arrayLiteral(Set<Scope> scopes) {
		return "{" + String.join(",", scopes.stream().map(Scope::wireName).sorted().toList()) + "}";
	}

	private static ApiKey apiKey(ResultSet row, int rowNumber) throws SQLException {
		Array scopes = row.getArray("scopes");
		Set<Scope> parsed = EnumSet.noneOf(Scope.class);
		Arrays.stream((String[]) scopes.getArray()).forEach((name) -> Scope.fromWireName(name).ifPresent(parsed::add));
		return new ApiKey(row.getString("id"), row.getString("name"), row.getString("key_hash"), parsed,
				row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("last_used_at")),
				instant(row.getTimestamp("revoked_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
