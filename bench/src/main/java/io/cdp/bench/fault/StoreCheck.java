package io.cdp.bench.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import io.cdp.bench.stack.Stack;

/**
 * What the serving store holds of the run's events ({@code profile.events}, whose primary
 * key is the message id with the event's time). Each call opens its own connection, so
 * that a PostgreSQL restart costs the calls made while it is down and nothing after.
 */
final class StoreCheck {

	private final Stack stack;

	private final MessageIds ids;

	StoreCheck(Stack stack, MessageIds ids) {
		this.stack = stack;
		this.ids = ids;
	}

	/**
	 * Whether the store holds any of these events.
	 * @param messageIds message ids
	 * @return true when at least one is stored
	 * @throws SQLException when PostgreSQL cannot answer
	 */
	boolean anyStored(List<String> messageIds) throws SQLException {
		if (messageIds.isEmpty()) {
			return false;
		}
		try (Connection connection = connect();
				PreparedStatement query = connection
					.prepareStatement("SELECT EXISTS (SELECT 1 FROM profile.events WHERE message_id = ANY (?))")) {
			query.setArray(1, connection.createArrayOf("text", messageIds.toArray()));
			try (ResultSet result = query.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/**
	 * How many rows the run's events have in the store.
	 * @return rows, a duplicate counted twice
	 * @throws SQLException when PostgreSQL cannot answer
	 */
	long rows() throws SQLException {
		try (Connection connection = connect();
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM profile.events WHERE starts_with(message_id, ?)")) {
			query.setString(1, this.ids.prefix());
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	/**
	 * The rows of each of the run's events in the store.
	 * @return rows by sequence number; an event not stored is absent
	 * @throws SQLException when PostgreSQL cannot answer
	 */
	Map<Long, Integer> rowsByEvent() throws SQLException {
		Map<Long, Integer> rows = new HashMap<>();
		try (Connection connection = connect();
				PreparedStatement query = connection.prepareStatement(
						"SELECT message_id, count(*) FROM profile.events WHERE starts_with(message_id, ?) GROUP BY message_id")) {
			query.setString(1, this.ids.prefix());
			query.setFetchSize(10_000);
			connection.setAutoCommit(false);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					OptionalLong sequence = this.ids.sequence(result.getString(1));
					if (sequence.isPresent()) {
						rows.put(sequence.getAsLong(), result.getInt(2));
					}
				}
			}
			connection.commit();
		}
		return rows;
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.stack.jdbcUser());
		properties.setProperty("password", this.stack.jdbcPassword());
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("socketTimeout", "60");
		return DriverManager.getConnection(this.stack.jdbcUrl(), properties);
	}

}
