package io.cdp.testinfra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.cdp.testinfra.DockerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL server shared by the test classes of one JVM, on which each class
 * gets its own database. {@link #start()} picks the first that applies:
 * {@code CDP_TEST_JDBC_URL}; Testcontainers where a Docker engine answers; the local
 * server on {@code 127.0.0.1:5432} when it accepts user {@code postgres}; else an
 * embedded PostgreSQL 17.
 */
public interface PostgresBackend extends AutoCloseable {

	/**
	 * Environment variable naming an external server (any database on it) to test
	 * against.
	 */
	String EXTERNAL_URL_ENV = "CDP_TEST_JDBC_URL";

	/** JDBC URL of the named database on this server. */
	String jdbcUrl(String database);

	/** User with the right to create databases. */
	String username();

	/** That user's password (empty for trust authentication). */
	String password();

	/** Stops the server if this JVM started it. */
	@Override
	void close();

	/** Runs one statement in the server's maintenance database, outside a transaction. */
	default void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("'" + sql + "' failed on " + this + ": " + ex.getMessage(), ex);
		}
	}

	/** Starts (or connects to) the server for this JVM and logs which one it is. */
	static PostgresBackend start() {
		Logger log = LoggerFactory.getLogger(PostgresBackend.class);
		long started = System.nanoTime();
		String external = System.getenv(EXTERNAL_URL_ENV);
		PostgresBackend backend;
		if (external != null && !external.isBlank()) {
			backend = ServerAtUrl.external(external);
		}
		else if (DockerEngine.isAvailable()) {
			backend = ContainerPostgres.start();
		}
		else {
			backend = ServerAtUrl.localIfAnswering()
				.map(PostgresBackend.class::cast)
				.orElseGet(EmbeddedPostgresServer::start);
		}
		log.info("PostgreSQL for integration tests: {} (ready in {} ms)", backend,
				(System.nanoTime() - started) / 1_000_000);
		return backend;
	}

}
