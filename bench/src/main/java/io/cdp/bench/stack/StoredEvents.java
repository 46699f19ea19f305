package io.cdp.bench.stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of a load's events the serving store holds, looked up again and again while the
 * pipeline works through the load. Each look asks only for the events not found yet: the
 * store is partitioned by month and keyed by message id and time, so every id asked for
 * costs an index probe in each partition, and asking for all of a sustained load's
 * 200,000 ids at every look took 1.6-9 s of a PostgreSQL core each time, taken from the
 * store writer whose progress the looks measure. Now only the first look asks for all of
 * them, and each later one for what is still missing.
 */
public final class StoredEvents {

	private static final String FOUND = "SELECT DISTINCT message_id FROM profile.events WHERE message_id = ANY (?)";

	private final int expected;

	private final Set<String> missing;

	/**
	 * Starts with none of the events found.
	 * @param messageIds the message ids of the events the store must hold
	 */
	public StoredEvents(Collection<String> messageIds) {
		this.missing = new HashSet<>(messageIds);
		this.expected = this.missing.size();
	}

	/**
	 * Looks up the events not found yet.
	 * @param connection a connection to the store's database
	 * @return how many of the events the store holds now
	 * @throws SQLException when the lookup fails
	 */
	public long look(Connection connection) throws SQLException {
		if (this.missing.isEmpty()) {
			return this.expected;
		}
		try (PreparedStatement found = connection.prepareStatement(FOUND)) {
			found.setArray(1, connection.createArrayOf("text", this.missing.toArray()));
			try (ResultSet result = found.executeQuery()) {
				while (result.next()) {
					this.missing.remove(result.getString(1));
				}
			}
		}
		return stored();
	}

	/**
	 * How many of the events the last look found in the store, with the looks before.
	 */
	public long stored() {
		return this.expected - this.missing.size();
	}

	/**
	 * Whether the store held every event at the last look.
	 */
	public boolean complete() {
		return this.missing.isEmpty();
	}

	/**
	 * How many events the store must hold (duplicate ids counted once).
	 */
	public int expected() {
		return this.expected;
	}

}
