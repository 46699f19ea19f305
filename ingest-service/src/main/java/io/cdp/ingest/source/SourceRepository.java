package io.cdp.ingest.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.cdp.contract.event.Channel;
import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sources in PostgreSQL ({@code ingest.sources}). */
@Repository
class SourceRepository {

	private static final String COLUMNS = "id, name, channel, kind, provider, write_key_hash, signing_secret, "
			+ "mapping::text AS mapping, enabled, created_at";

	private final JdbcClient jdbc;

	SourceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Source> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM ingest.sources ORDER BY created_at, id")
			.query(SourceRepository::source)
			.list();
	}

	Optional<Source> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM ingest.sources WHERE id = ?")
			.param(id)
			.query(SourceRepository::source)
			.optional();
	}

	void insert(Source source) {
		this.jdbc
			.sql("""
					INSERT INTO ingest.sources
					  (id, name, channel, kind, provider, write_key_hash, signing_secret, mapping, enabled, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
					""")
			.params(source.id(), source.name(), source.channel().wireName(), source.kind().name().toLowerCase(),
					source.provider(), source.writeKeyHash(), source.signingSecret(), json(source.mapping()),
					source.enabled(), java.sql.Timestamp.from(source.createdAt()),
					java.sql.Timestamp.from(source.createdAt()))
			.update();
	}

	boolean setEnabled(String id, boolean enabled) {
		return this.jdbc.sql("UPDATE ingest.sources SET enabled = ?, updated_at = now() WHERE id = ?")
			.params(enabled, id)
			.update() == 1;
	}

	private static @Nullable String json(@Nullable JsonNode node) {
		return (node != null) ? ContractJson.mapper().writeValueAsString(node) : null;
	}

	private static Source source(ResultSet row, int rowNumber) throws SQLException {
		String mapping = row.getString("mapping");
		return new Source(row.getString("id"), row.getString("name"), Channel.fromWireName(row.getString("channel")),
				SourceKind.valueOf(row.getString("kind").toUpperCase()), row.getString("provider"),
				row.getString("write_key_hash"), row.getString("signing_secret"),
				(mapping != null) ? ContractJson.mapper().readTree(mapping) : null, row.getBoolean("enabled"),
				row.getTimestamp("created_at").toInstant());
	}

}
