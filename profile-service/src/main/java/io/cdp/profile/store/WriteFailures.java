package io.cdp.profile.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a database that is away from a row it refuses, so that the store writer waits out
 * the first and quarantines the second.
 *
 * <ul>
 * <li><b>Refused</b>, for good, by the rows of the batch: PostgreSQL's data exceptions
 * (SQLState class 22: a NUL in text or JSON, a time or number out of range), integrity
 * violations (23; the upserts absorb every replay, so a violation left is the row's), and
 * program limits (54: a value too deep or too large), and any failure to bind a row
 * before it reached the database (an instant a {@code Timestamp} cannot hold, JSON that
 * cannot be written).</li>
 * <li><b>Transient</b>, everything else: a connection that cannot be had or broke (class
 * 08, Hikari's timeouts), a server shutting down or restarting (57P01 to 57P03), out of
 * resources (53), a serialization failure or deadlock (40), a rollback or commit that
 * failed with the connection; and anything unknown from the database, such as a missing
 * table after a bad deployment: it is not the row's fault, so nothing is skipped and the
 * writer reports DOWN with the error until someone fixes it.</li>
 * </ul>
 */
final class WriteFailures {

	private static final Set<String> REFUSING_CLASSES = Set.of("22", "23", "54");

	private WriteFailures() {
	}

	/** Whether the batch's rows caused the failure, so that retrying cannot help. */
	static boolean isRefusal(Throwable failure) {
		if (isTransientByType(failure)) {
			return false;
		}
		String state = sqlState(failure);
		if (state != null) {
			return state.length() >= 2 && REFUSING_CLASSES.contains(state.substring(0, 2));
		}
		// Not from the database: the row could not even be bound.
		return !(failure instanceof DataAccessException) && !(failure instanceof TransactionException)
				&& failure instanceof RuntimeException;
	}

	private static boolean isTransientByType(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransactionException || cause instanceof TransientDataAccessException
					|| cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientException
					|| cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The first SQLState in the cause chain, looking into the next exceptions of a batch
	 * update too (PostgreSQL's driver puts the server's error there).
	 */
	static @Nullable String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (next.getSQLState() != null) {
						return next.getSQLState();
					}
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
