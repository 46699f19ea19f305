package io.cdp.profile.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class WriteFailuresTests {

	@Test
	void shouldTakeDataExceptionsConstraintsAndLimitsAsTheRowsRefusal() {
		assertThat(WriteFailures.isRefusal(batch("22P05"))).as("NUL in jsonb").isTrue();
		assertThat(WriteFailures.isRefusal(batch("22021"))).as("NUL in text").isTrue();
		assertThat(WriteFailures.isRefusal(batch("22008"))).as("datetime out of range").isTrue();
		assertThat(WriteFailures.isRefusal(batch("22003"))).as("numeric out of range").isTrue();
		assertThat(WriteFailures.isRefusal(batch("23502"))).as("not null").isTrue();
		assertThat(WriteFailures.isRefusal(batch("54001"))).as("too deep").isTrue();
	}

	@Test
	void shouldTakeFailuresToBindARowAsItsRefusal() {
		assertThat(WriteFailures.isRefusal(new IllegalArgumentException("Timestamp overflow"))).isTrue();
		assertThat(WriteFailures.isRefusal(new NullPointerException())).isTrue();
	}

	@Test
	void shouldWaitOutADatabaseThatIsAway() {
		assertThat(WriteFailures.isRefusal(batch("08006"))).as("connection failure").isFalse();
		assertThat(WriteFailures.isRefusal(batch("57P01"))).as("admin shutdown").isFalse();
		assertThat(WriteFailures.isRefusal(batch("57P03"))).as("cannot connect now").isFalse();
		assertThat(WriteFailures.isRefusal(batch("53300"))).as("too many connections").isFalse();
		assertThat(WriteFailures.isRefusal(batch("40001"))).as("serialization failure").isFalse();
		assertThat(WriteFailures.isRefusal(new TransactionSystemException("JDBC rollback failed",
				new SQLException("An I/O error occurred", "08006"))))
			.isFalse();
		assertThat(WriteFailures.isRefusal(new TransactionSystemException("JDBC rollback failed"))).isFalse();
		assertThat(WriteFailures.isRefusal(new CannotGetJdbcConnectionException("pool",
				new SQLTransientConnectionException("Connection is not available, request timed out"))))
			.isFalse();
	}

	@Test
	void shouldWaitOutWhatIsNotTheRowsFault() {
		assertThat(WriteFailures.isRefusal(
				new BadSqlGrammarException("insert", "INSERT", new SQLException("relation does not exist", "42P01"))))
			.isFalse();
		assertThat(WriteFailures.isRefusal(new UncategorizedSQLException("insert", "INSERT", new SQLException("?"))))
			.isFalse();
	}

	@Test
	void shouldTakeJsonThatCannotBeWrittenAsARefusal() {
		assertThat(WriteFailures.isRefusal(new JacksonException("depth") {

			private static final long serialVersionUID = 1L;

		})).isTrue();
	}

	private static DataIntegrityViolationException batch(String state) {
		BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", state, 0, new int[0]);
		batch.setNextException(new SQLException("ERROR: the server said no", state));
		return new DataIntegrityViolationException("batch", batch);
	}

}
