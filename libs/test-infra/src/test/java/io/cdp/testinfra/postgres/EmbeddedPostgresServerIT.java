package io.cdp.testinfra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last fallback, exercised even where a local server answers, so that a machine with
 * neither Docker nor PostgreSQL is known to work.
 */
class EmbeddedPostgresServerIT {

	@Test
	void shouldStartPostgreSqlSeventeenFromMavenCentralBinariesAndCreateDatabases() throws SQLException {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
			server.execute("CREATE DATABASE fallback_check");

			try (Connection connection = DriverManager.getConnection(server.jdbcUrl("fallback_check"),
					server.username(), server.password()); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE item (id int PRIMARY KEY)");
				statement.execute("INSERT INTO item VALUES (7)");
				try (ResultSet rows = statement
					.executeQuery("SELECT id, current_setting('server_version_num') FROM item")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getInt(1)).isEqualTo(7);
					assertThat(rows.getInt(2) / 10000).isEqualTo(17);
				}
			}
		}
	}

}
