package io.cdp.gateway.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit rows in PostgreSQL ({@code gateway.audit_log}): inserted in batches, read
 * newest first by profile or key. There is no update and no delete; the table refuses
 * both. Every call blocks.
 */
@Repository
class AuditRepository {

	/**
	 * One statement for a whole batch: each column as an array, unnested into rows, so
	 * the statement and its plan are the same whatever the batch's size.
	 */
	private static final String INSERT = """
			INSERT INTO gateway.audit_log (at, key_name, action, profile_id, target_id, method, endpoint, path,
				status, request_id)
			SELECT * FROM unnest(?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				?::text[], ?::text[], ?::text[]::integer[], ?::text[])
			""";

	private static final String COLUMNS = "id, at, key_name, action, profile_id, target_id, method, endpoint, path, "
			+ "status, request_id";

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	AuditRepository(JdbcTemplate template, JdbcClient jdbc) {
		this.template = template;
		this.jdbc = jdbc;
	}

	void insert(List<AuditEntry> batch) {
		this.template.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(INSERT);
			// Every column goes as text, the instants as ISO-8601 UTC, so that no JVM
			// time
			// zone reaches the values; PostgreSQL casts them to the columns' types.
			statement.setArray(1, array(connection, batch, (entry) -> entry.at().toString()));
			statement.setArray(2, array(connection, batch, AuditEntry::keyName));
			statement.setArray(3, array(connection, batch, (entry) -> entry.action().wireName()));
			statement.setArray(4, array(connection, batch, AuditEntry::profileId));
			statement.setArray(5, array(connection, batch, AuditEntry::targetId));
			statement.setArray(6, array(connection, batch, AuditEntry::method));
			statement.setArray(7, array(connection, batch, AuditEntry::endpoint));
			statement.setArray(8, array(connection, batch, AuditEntry::path));
			statement.setArray(9,
					array(connection, batch, (entry) -> (entry.status() != null) ? entry.status().toString() : null));
			statement.setArray(10, array(connection, batch, AuditEntry::requestId));
			return statement;
		});
	}

	/** One page of rows matching the query, newest first; one row more than the limit. */
	List<AuditRow> find(AuditQuery query) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM gateway.audit_log WHERE true");
		List<Object> params = new ArrayList<>();
		if (query.profileId() != null) {
			sql.append(" AND profile_id = ?");
			params.add(query.profileId());
		}
		if (query.keyName() != null) {
			sql.append(" AND key_name = ?");
			params.add(query.keyName());
		}
		if (query.from() != null) {
			sql.append(" AND at >= ?");
			params.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND at < ?");
			params.add(Timestamp.from(query.to()));
		}
		if (query.after() != null) {
			sql.append(" AND (at, id) < (?, ?)");
			params.add(Timestamp.from(query.after().at()));
			params.add(query.after().id());
		}
		sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
		params.add(query.limit() + 1);
		return this.jdbc.sql(sql.toString()).params(params).query(AuditRepository::row).list();
	}

	/** Creates the monthly partitions from this month on that do not exist yet. */
	int createPartitions(Instant now, int monthsAhead) {
		Integer created = this.jdbc
			.sql("SELECT gateway.create_audit_partitions((?::timestamptz AT TIME ZONE 'UTC')::date, ?)")
			.params(Timestamp.from(now), monthsAhead + 1)
			.query(Integer.class)
			.single();
		return (created != null) ? created : 0;
	}

	private static Array array(Connection connection, List<AuditEntry> batch,
			Function<AuditEntry, @Nullable String> column) throws SQLException {
		@Nullable String[] values = new String[batch.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(batch.get(i));
		}
		return connection.createArrayOf("text", values);
	}

	private static AuditRow row(ResultSet row, int rowNumber) throws SQLException {
		return new AuditRow(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("key_name"),
				row.getString("action"), row.getString("profile_id"), row.getString("target_id"),
				row.getString("method"), row.getString("endpoint"), row.getString("path"),
				row.getObject("status", Integer.class), row.getString("request_id"));
	}

}
