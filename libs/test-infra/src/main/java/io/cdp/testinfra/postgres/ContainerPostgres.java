package io.cdp.testinfra.postgres;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 run by Testcontainers. */
final class ContainerPostgres implements PostgresBackend {

	static final String IMAGE = "postgres:17.6";

	private final PostgreSQLContainer container;

	private ContainerPostgres(PostgreSQLContainer container) {
		this.container = container;
	}

	static ContainerPostgres start() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE).withUsername("postgres")
			.withPassword("postgres")
			.withDatabaseName("postgres");
		container.start();
		return new ContainerPostgres(container);
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.container.getHost() + ":" + this.container.getFirstMappedPort() + "/"
				+ database;
	}

	@Override
	public String username() {
		return this.container.getUsername();
	}

	@Override
	public String password() {
		return this.container.getPassword();
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "Testcontainers " + IMAGE;
	}

}
