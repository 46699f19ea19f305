package io.cdp.ingest.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.ingest.deadletter.DeadLetterRow.ReplayState;
import io.cdp.ingest.deadletter.StoredLetter.Coordinates;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code ingest.dead_letters} table. */
@Repository
class DeadLetterRepository {

	private static final String COLUMNS = """
			id, kind, stage, reason, field, error, source_id, message_id, topic, topic_partition, topic_offset,
			record_key, payload, occurred_at, stored_at, letter_topic, letter_partition, letter_offset,
			replayed_at, replay_count, replay_outcome, replay_detail""";

	private static final String INSERT = """
			INSERT INTO ingest.dead_letters (kind, stage, reason, field, error, source_id, message_id, topic,
			    topic_partition, topic_offset, record_key, payload, occurred_at, letter_topic, letter_partition,
			    letter_offset)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate transactions;

	DeadLetterRepository(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Stores letters in one transaction; a letter stored before (same topic, partition
	 * and offset) is left as it is.
	 * @return the letters that were new
	 */
	List<StoredLetter> insertAll(List<StoredLetter> letters) {
		int[][] counts = this.transactions
			.execute((status) -> this.template.batchUpdate(INSERT, letters, letters.size(), (statement, letter) -> {
				statement.setString(1, letter.kind().wireName());
				statement.setString(2, letter.stage());
				statement.setString(3, letter.reason());
				statement.setString(4, letter.field());
				statement.setString(5, letter.error());
				statement.setString(6, letter.sourceId());
				statement.setString(7, letter.messageId());
				statement.setString(8, letter.topic());
				statement.setObject(9, letter.partition(), Types.INTEGER);
				statement.setObject(10, letter.offset(), Types.BIGINT);
				statement.setBytes(11, letter.key());
				statement.setBytes(12, letter.payload());
				statement.setObject(13, utc(letter.occurredAt()));
				statement.setString(14, letter.letter().topic());
				statement.setInt(15, letter.letter().partition());
				statement.setLong(16, letter.letter().offset());
			}));
		List<StoredLetter> inserted = new ArrayList<>();
		int index = 0;
		for (int[] batch : (counts != null) ? counts : new int[0][]) {
			for (int count : batch) {
				if (count != 0) {
					inserted.add(letters.get(index));
				}
				index++;
			}
		}
		return inserted;
	}

	/** Whether PostgreSQL answers at all, to tell an outage from a refused row. */
	boolean reachable() {
		try {
			this.jdbc.sql("SELECT 1").query(Integer.class).single();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	Optional<DeadLetterRow> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM ingest.dead_letters WHERE id = ?")
			.param(id)
			.query(DeadLetterRepository::row)
			.optional();
	}

	/** A page of letters matching the filter, newest first, after the cursor. */
	List<DeadLetterRow> find(DeadLetterFilter filter, @Nullable Cursor after, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = where(filter, params);
		if (after != null) {
			where.append(" AND (occurred_at, id) < (:afterAt, :afterId)");
			params.put("afterAt", utc(after.occurredAt()));
			params.put("afterId", after.id());
		}
		params.put("limit", limit);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM ingest.dead_letters WHERE " + where
					+ " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
			.params(params)
			.query(DeadLetterRepository::row)
			.list();
	}

	/**
	 * Ids of letters matching the filter that no replay has published yet, oldest first,
	 * after the given id.
	 */
	List<Long> findReplayable(DeadLetterFilter filter, long afterId, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = where(filter, params);
		where.append(" AND id > :afterId AND replay_outcome IS DISTINCT FROM 'published'");
		params.put("afterId", afterId);
		params.put("limit", limit);
		return this.jdbc.sql("SELECT id FROM ingest.dead_letters WHERE " + where + " ORDER BY id LIMIT :limit")
			.params(params)
			.query(Long.class)
			.list();
	}

	/**
	 * Runs a replay of one letter while holding its row, so that two replays of the same
	 * letter at once run one after the other and the second sees the first's outcome.
	 */
	<T> T withLocked(long id, java.util.function.Function<Optional<DeadLetterRow>, T> replay) {
		return this.transactions.execute((status) -> replay
			.apply(this.jdbc.sql("SELECT " + COLUMNS + " FROM ingest.dead_letters WHERE id = ? FOR UPDATE")
				.param(id)
				.query(DeadLetterRepository::row)
				.optional()));
	}

	/** Records a replay attempt's outcome (within {@link #withLocked}). */
	void recordReplay(long id, ReplayOutcome outcome, @Nullable String detail, @Nullable String messageId,
			@Nullable String field) {
		this.jdbc.sql("""
				UPDATE ingest.dead_letters
				SET replayed_at = now(), replay_count = replay_count + 1, replay_outcome = :outcome,
				    replay_detail = :detail, message_id = COALESCE(:messageId, message_id),
				    error = CASE WHEN :outcome = 'still-invalid' THEN :detail ELSE error END,
				    field = CASE WHEN :outcome = 'still-invalid' THEN :field ELSE field END
				WHERE id = :id""")
			.param("outcome", outcome.wireName())
			.param("detail", detail, Types.VARCHAR)
			.param("messageId", messageId, Types.VARCHAR)
			.param("field", field, Types.VARCHAR)
			.param("id", id)
			.update();
	}

	private static StringBuilder where(DeadLetterFilter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("true");
		if (filter.source() != null) {
			where.append(" AND source_id = :source");
			params.put("source", filter.source());
		}
		if (filter.stage() != null) {
			where.append(" AND stage = :stage");
			params.put("stage", filter.stage());
		}
		if (filter.reason() != null) {
			where.append(" AND reason = :reason");
			params.put("reason", filter.reason());
		}
		if (filter.kind() != null) {
			where.append(" AND kind = :kind");
			params.put("kind", filter.kind().wireName());
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", utc(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", utc(filter.to()));
		}
		return where;
	}

	private static DeadLetterRow row(ResultSet rs, int rowNum) throws SQLException {
		StoredLetter letter = new StoredLetter(
				LetterKind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)), rs.getString("stage"),
				rs.getString("reason"), rs.getString("field"), rs.getString("error"), rs.getString("source_id"),
				rs.getString("message_id"), rs.getString("topic"), rs.getObject("topic_partition", Integer.class),
				rs.getObject("topic_offset", Long.class), rs.getBytes("record_key"), rs.getBytes("payload"),
				instant(rs, "occurred_at"), new Coordinates(rs.getString("letter_topic"), rs.getInt("letter_partition"),
						rs.getLong("letter_offset")));
		return new DeadLetterRow(rs.getLong("id"), letter, instant(rs, "stored_at"),
				new ReplayState(nullableInstant(rs, "replayed_at"), rs.getInt("replay_count"),
						rs.getString("replay_outcome"), rs.getString("replay_detail")));
	}

	/**
	 * Times go as offset date-times: exact, and free of the old calendar of Timestamp.
	 */
	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
