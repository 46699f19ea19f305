package io.cdp.testinfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
class PostgresDatabaseIT {

	@Test
	void shouldCreateInsertAndSelectInTheClassDatabase(TestDatabase database) throws SQLException {
		database.execute("CREATE TABLE IF NOT EXISTS greeting (id int PRIMARY KEY, body jsonb NOT NULL)",
				"INSERT INTO greeting VALUES (1, '{\"text\": \"hello\"}') ON CONFLICT DO NOTHING");

		try (Connection connection = database.connect();
				PreparedStatement select = connection
					.prepareStatement("SELECT body ->> 'text' FROM greeting WHERE id = ?")) {
			select.setInt(1, 1);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("hello");
			}
		}
	}

	@Test
	void shouldRunOnPostgreSqlFifteenOrNewer(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			assertThat(connection.getMetaData().getDatabaseMajorVersion()).isGreaterThanOrEqualTo(15);
		}
	}

	@Test
	void shouldGiveEachTestClassItsOwnDatabaseAndDropItAfterwards(TestDatabase database) throws SQLException {
		class AnotherTestClass {

		}
		TestDatabase other = TestInfrastructure.resourcesFor(AnotherTestClass.class).database();
		other.execute("CREATE TABLE only_in_other (id int)");

		assertThat(other.name()).isNotEqualTo(database.name());
		assertThat(databaseNames(database)).contains(other.name());
		assertThat(tableNames(database)).doesNotContain("only_in_other");

		TestInfrastructure.release(AnotherTestClass.class);

		assertThat(databaseNames(database)).doesNotContain(other.name());
	}

	private static List<String> databaseNames(TestDatabase database) throws SQLException {
		return strings(database, "SELECT datname FROM pg_database");
	}

	private static List<String> tableNames(TestDatabase database) throws SQLException {
		return strings(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
	}

	private static List<String> strings(TestDatabase database, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
