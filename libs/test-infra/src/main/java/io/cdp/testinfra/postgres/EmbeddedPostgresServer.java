package io.cdp.testinfra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from the binaries published on Maven Central, started in a temporary
 * folder on a free port. It needs no install and no Docker, so a fresh machine can run
 * every test.
 */
final class EmbeddedPostgresServer implements PostgresBackend {

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedPostgresServer start() {
		try {
			return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + database;
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return "";
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded PostgreSQL", ex);
		}
	}

	@Override
	public String toString() {
		return "embedded PostgreSQL 17 on port " + this.postgres.getPort();
	}

}
