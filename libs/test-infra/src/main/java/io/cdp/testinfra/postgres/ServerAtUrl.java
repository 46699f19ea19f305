package io.cdp.testinfra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server that runs on its own: the one named by {@code CDP_TEST_JDBC_URL},
 * or the machine's local server. Credentials come from the URL's {@code user} and
 * {@code password} parameters or from {@code CDP_TEST_JDBC_USER} and
 * {@code CDP_TEST_JDBC_PASSWORD}.
 */
record ServerAtUrl(String description, String urlPrefix, String urlParameters, String username,
		String password) implements PostgresBackend {

	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

	private static final Pattern USER_PARAM = Pattern.compile("[?&]user=([^&]*)");

	private static final Pattern PASSWORD_PARAM = Pattern.compile("[?&]password=([^&]*)");

	static ServerAtUrl external(String url) {
		return parse("server from " + EXTERNAL_URL_ENV, url, env("CDP_TEST_JDBC_USER", "postgres"),
				env("CDP_TEST_JDBC_PASSWORD", ""));
	}

	static Optional<ServerAtUrl> localIfAnswering() {
		ServerAtUrl local = parse("local server at 127.0.0.1:5432", LOCAL_URL + "?connectTimeout=2&loginTimeout=2",
				"postgres", "");
		try (Connection connection = DriverManager.getConnection(local.jdbcUrl("postgres"), "postgres", "")) {
			return Optional.of(local);
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	private static ServerAtUrl parse(String description, String url, String defaultUser, String defaultPassword) {
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"Expected jdbc:postgresql://host[:port]/database[?parameters] but got " + redact(url));
		}
		String parameters = (matcher.group(3) != null) ? matcher.group(3) : "";
		String user = find(USER_PARAM, parameters).orElse(defaultUser);
		String password = find(PASSWORD_PARAM, parameters).orElse(defaultPassword);
		return new ServerAtUrl(description, matcher.group(1), parameters, user, password);
	}

	@Override
	public String jdbcUrl(String database) {
		return this.urlPrefix + database + this.urlParameters;
	}

	@Override
	public void close() {
		// Not ours to stop.
	}

	@Override
	public String toString() {
		return this.description + " " + redact(this.urlPrefix);
	}

	private static Optional<String> find(Pattern pattern, String parameters) {
		Matcher matcher = pattern.matcher(parameters);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private static String redact(String url) {
		return url.replaceAll("password=[^&]*", "password=***");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
