package io.cdp.population.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Creates what the demo needs on a fresh platform: an admin API key (with the gateway's
 * bootstrap admin key), a read-only API key for profiles and their history, and a
 * {@code segment} source for the web shop and the app, whose write key the loader sends
 * with. Everything goes through the gateway, the source too (with the admin API key), as
 * an operator would do it.
 */
public final class DemoSetup {

	/** The admin API key's name. */
	public static final String ADMIN_KEY_NAME = "demo-admin";

	/** The read-only API key's name. */
	public static final String READ_KEY_NAME = "demo-readonly";

	/** The demo source's name. */
	public static final String SOURCE_NAME = "Demo shop (web, app, email, help desk)";

	private static final String SOURCE = """
			{"name": "%s", "kind": "segment", "channel": "web"}""".formatted(SOURCE_NAME);

	/** How long a just-created admin key may be refused before the gateway knows it. */
	private static final Duration NEW_KEY_GRACE = Duration.ofSeconds(15);

	private static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

	private final PlatformClient gateway;

	/**
	 * Creates the set-up.
	 * @param gateway the gateway's base URL
	 */
	public DemoSetup(URI gateway) {
		this.gateway = new PlatformClient(gateway);
	}

	/**
	 * Creates the two API keys and the source.
	 * @param bootstrapAdminKey the gateway's bootstrap admin key
	 * @return the keys
	 * @throws LoadException if the platform refuses
	 */
	public DemoKeys run(String bootstrapAdminKey) {
		try {
			String adminKey = createApiKey(bootstrapAdminKey, ADMIN_KEY_NAME, "[\"admin\"]", Duration.ZERO);
			// The gateway learns of a new key when it next reloads its keys (every 2 s by
			// default), so the admin key just made may be refused for a moment.
			String readKey = createApiKey(adminKey, READ_KEY_NAME, "[\"profiles:read\", \"events:read\"]",
					NEW_KEY_GRACE);
			PlatformClient.Answer source = this.gateway.post("/v1/admin/sources", PlatformClient.bearer(adminKey),
					SOURCE);
			if (source.status() != 201) {
				throw new LoadException("POST /v1/admin/sources answered " + source);
			}
			return new DemoKeys(adminKey, readKey, source.text("id"), source.text("writeKey"));
		}
		catch (IOException ex) {
			throw new LoadException("Could not reach the platform at " + this.gateway.base(), ex);
		}
	}

	private String createApiKey(String adminKey, String name, String scopes, Duration grace) throws IOException {
		String body = "{\"name\": \"%s\", \"scopes\": %s}".formatted(name, scopes);
		long deadline = System.nanoTime() + grace.toNanos();
		PlatformClient.Answer answer = this.gateway.post("/v1/admin/api-keys", PlatformClient.bearer(adminKey), body);
		while (answer.status() == 401 && System.nanoTime() < deadline) {
			pause();
			answer = this.gateway.post("/v1/admin/api-keys", PlatformClient.bearer(adminKey), body);
		}
		if (answer.status() == 409) {
			throw new AlreadySetUpException(
					"An API key named " + name + " exists already: this platform was set up for "
							+ "the demo before, and its keys are shown only once. Use the keys kept then, or start "
							+ "from an empty database.");
		}
		if (answer.status() == 401) {
			throw new LoadException("The gateway did not accept the admin key for " + name + " (" + answer + "). "
					+ "The bootstrap admin key is stored only while the database has no admin key: "
					+ "is this database from an earlier set-up?");
		}
		if (answer.status() != 201) {
			throw new LoadException("POST /v1/admin/api-keys answered " + answer);
		}
		return answer.text("key");
	}

	private static void pause() {
		try {
			Thread.sleep(RETRY_INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LoadException("Interrupted while waiting for the gateway to know the new admin key", ex);
		}
	}

}
