import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for cdp-up.sh and cdp-down.sh, on a machine that may have nothing but a
 * JDK: no psql, no server. A single-file program run by the java launcher with the
 * classpath deploy/local/pom.xml resolves (-Ppostgres).
 *
 * <pre>
 * check URL                 exit 0 when the server at URL accepts the user
 * create-database URL NAME  create database NAME unless it exists; prints "created" or "exists"
 * drop-database URL NAME    drop database NAME if it exists
 * run DATA_DIR PORT         PostgreSQL 17 from the embedded binaries, its data in DATA_DIR
 *                           (kept across runs), on 127.0.0.1:PORT, until this process is stopped
 * </pre>
 *
 * The user and password come from CDP_PG_USER (postgres) and CDP_PG_PASSWORD (empty), so
 * that they never show on the process list.
 */
public class LocalPostgres {

	public static void main(String[] arguments) throws Exception {
		String command = (arguments.length > 0) ? arguments[0] : "";
		switch (command) {
			case "check" -> System.exit(check(arguments[1]) ? 0 : 1);
			case "create-database" -> System.out.println(createDatabase(arguments[1], arguments[2]));
			case "drop-database" -> dropDatabase(arguments[1], arguments[2]);
			case "run" -> run(new File(arguments[1]), Integer.parseInt(arguments[2]));
			default -> {
				System.err.println("usage: LocalPostgres check URL | create-database URL NAME | drop-database URL NAME"
						+ " | run DATA_DIR PORT");
				System.exit(2);
			}
		}
	}

	private static boolean check(String url) {
		try (Connection connection = connect(url)) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			System.err.println(ex.getMessage());
			return false;
		}
	}

	private static String createDatabase(String url, String name) throws SQLException {
		try (Connection connection = connect(url)) {
			if (exists(connection, name)) {
				return "exists";
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + quoted(name));
			}
			return "created";
		}
	}

	private static void dropDatabase(String url, String name) throws SQLException {
		try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + quoted(name) + " WITH (FORCE)");
		}
	}

	/**
	 * Starts the server and waits. initdb runs only when the data directory is new; on
	 * SIGTERM the shutdown hook stops the server cleanly (a fast shutdown) and keeps its
	 * data.
	 */
	private static void run(File dataDirectory, int port) throws IOException, InterruptedException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "100")
			.start();
		System.out.println("PostgreSQL 17 ready on 127.0.0.1:" + postgres.getPort() + ", data in " + dataDirectory);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
				System.out.println("PostgreSQL stopped");
			}
			catch (IOException ex) {
				System.err.println("Could not stop PostgreSQL: " + ex.getMessage());
			}
			finally {
				stopped.countDown();
			}
		}));
		stopped.await();
	}

	private static boolean exists(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

	private static String quoted(String name) {
		if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("A database name here is lower-case letters, digits and _: " + name);
		}
		return "\"" + name + "\"";
	}

	private static Connection connect(String url) throws SQLException {
		String user = System.getenv().getOrDefault("CDP_PG_USER", "postgres");
		String password = System.getenv().getOrDefault("CDP_PG_PASSWORD", "");
		DriverManager.setLoginTimeout(5);
		return DriverManager.getConnection(url, user, password);
	}

}
