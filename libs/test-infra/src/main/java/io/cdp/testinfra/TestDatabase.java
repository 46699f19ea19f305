package io.cdp.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.cdp.testinfra.postgres.PostgresBackend;

/**
 * A test class's own PostgreSQL database on the shared server, created empty before first
 * use and dropped after the class.
 */
public final class TestDatabase {

	private final PostgresBackend server;

	private final String name;

	private TestDatabase(PostgresBackend server, String name) {
		this.server = server;
		this.name = name;
	}

	static TestDatabase create(PostgresBackend server, String name) {
		server.execute("CREATE DATABASE " + name);
		return new TestDatabase(server, name);
	}

	/** The database's name. */
	public String name() {
		return this.name;
	}

	/** JDBC URL of this database. */
	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/** User to connect as. */
	public String username() {
		return this.server.username();
	}

	/** Password to connect with (empty for trust authentication). */
	public String password() {
		return this.server.password();
	}

	/** Opens a new connection to this database; the caller closes it. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), password());
	}

	/** Runs statements that return nothing (DDL, inserts) in this database. */
	public void execute(String... statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Statement failed in database " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	void drop() {
		// FORCE ends connections still open, such as the pool of a cached Spring context.
		this.server.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	@Override
	public String toString() {
		return "TestDatabase[" + this.name + " on " + this.server + "]";
	}

}
