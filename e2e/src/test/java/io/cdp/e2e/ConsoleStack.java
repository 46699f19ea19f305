package io.cdp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * The platform the console's browser tests sign in to: the packaged api-gateway,
 * ingest-service and profile-service as processes on the real broker and PostgreSQL, with
 * API keys of three kinds and one customer whose traits and events carry markup and
 * script payloads, sent through the gateway as any source would.
 */
final class ConsoleStack implements AutoCloseable {

	private static final String INTERNAL_SECRET = "console-e2e-internal-secret";

	/** Events of the customer's history besides the identify: more than one page (25). */
	static final int TRACKED = 40;

	static final String SCRIPT_TRAIT = "<script>window.__injected = 'trait'</script>";

	static final String MARKUP_TRAIT = "<img src=x onerror=\"window.__injected='img'\">";

	static final String JAVASCRIPT_URL = "javascript:window.__injected='link'";

	private final String bootstrapKey = "cdp_" + HexFormat.of().formatHex(randomBytes());

	private final HttpJson http = new HttpJson();

	private ServiceProcess ingest;

	private ServiceProcess profiles;

	private ServiceProcess gateway;

	private String supportKey;

	private String profilesOnlyKey;

	private String profileId;

	void start(TestKafka kafka, TestDatabase database) {
		List<String> datasource = List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
		List<String> shared = new ArrayList<>(datasource);
		shared.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--cdp.topics.prefix=" + kafka.topicPrefix(), "--cdp.caller.internal-secret=" + INTERNAL_SECRET));
		try {
			int ingestPort = ServiceProcess.freePort();
			int profilePort = ServiceProcess.freePort();
			List<String> gatewayArguments = new ArrayList<>(datasource);
			gatewayArguments.addAll(List.of("--cdp.gateway.api-keys.bootstrap-admin-key=" + this.bootstrapKey,
					"--cdp.gateway.caller.internal-secret=" + INTERNAL_SECRET,
					"--cdp.gateway.routes.ingest.uri=http://localhost:" + ingestPort,
					"--cdp.gateway.routes.profile.uri=http://localhost:" + profilePort));
			CompletableFuture<ServiceProcess> ingestStarting = starting("ingest-service", ingestPort, shared);
			CompletableFuture<ServiceProcess> profileStarting = starting("profile-service", profilePort, shared);
			CompletableFuture<ServiceProcess> gatewayStarting = starting("api-gateway", ServiceProcess.freePort(),
					gatewayArguments);
			CompletableFuture.allOf(ingestStarting, profileStarting, gatewayStarting)
				.exceptionally((failure) -> null)
				.join();
			this.ingest = ingestStarting.exceptionally((failure) -> null).join();
			this.profiles = profileStarting.exceptionally((failure) -> null).join();
			this.gateway = gatewayStarting.exceptionally((failure) -> null).join();
			for (CompletableFuture<ServiceProcess> starting : List.of(ingestStarting, profileStarting,
					gatewayStarting)) {
				starting.join();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The keys, three sources and the customer with a history of {@value #TRACKED} + 3
	 * events.
	 */
	void setUp() {
		String admin = "Bearer " + this.bootstrapKey;
		this.supportKey = createKey(admin, "support-console", "\"profiles:read\", \"events:read\", \"admin\"");
		this.profilesOnlyKey = createKey(admin, "marketing-profiles", "\"profiles:read\"");
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.http.status(uri("/v1/admin/api-keys"), "Authorization",
					"Bearer " + this.supportKey) == 200);
		String web = writeKey(admin, "{\"name\": \"Web shop\", \"kind\": \"segment\", \"channel\": \"web\"}");
		String support = writeKey(admin, "{\"name\": \"Help desk\", \"kind\": \"segment\", \"channel\": \"support\"}");
		String email = writeKey(admin, "{\"name\": \"Newsletters\", \"kind\": \"segment\", \"channel\": \"email\"}");
		Instant start = Instant.now().minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		this.http.post(uri("/v1/identify"), HttpJson.basic(web), """
				{"messageId": "console-identify", "userId": "console-jane", "timestamp": "%s",
				 "traits": {"firstName": "Jane", "lastName": "Console", "email": "jane.console@example.com",
				            "phone": "+1 415 555 0199", "plan": "pro", "nickname": %s, "bio": %s, "motto": "%s"}}"""
			.formatted(start, json(SCRIPT_TRAIT), json(MARKUP_TRAIT), "long ".repeat(2000)), 200);
		StringBuilder batch = new StringBuilder("{\"batch\": [");
		for (int index = 1; index <= TRACKED; index++) {
			batch.append(index > 1 ? "," : "")
				.append("""
						{"type": "track", "messageId": "console-track-%d", "userId": "console-jane", "event": "Product Viewed",
						 "timestamp": "%s", "properties": {"sku": "SKU-%d", "url": %s, "note": %s}}"""
					.formatted(index, start.plus(index * 3, ChronoUnit.HOURS), index, json(JAVASCRIPT_URL),
							json("<b>bold</b> " + index)));
		}
		batch.append("]}");
		this.http.post(uri("/v1/batch"), HttpJson.basic(web), batch.toString(), 200);
		this.http.post(uri("/v1/track"), HttpJson.basic(support), """
				{"messageId": "console-ticket", "userId": "console-jane", "event": "Ticket Created", "timestamp": "%s",
				 "properties": {"subject": "Parcel arrived damaged", "ticketId": "T-7001"}}"""
			.formatted(start.plus(1, ChronoUnit.HOURS)), 200);
		this.http.post(uri("/v1/track"), HttpJson.basic(email), """
				{"messageId": "console-email", "userId": "console-jane", "event": "Email Opened", "timestamp": "%s",
				 "properties": {"subject": "Your order"}}""".formatted(start.plus(2, ChronoUnit.HOURS)), 200);
		JsonNode profile = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode found = this.http.get(
					uri("/v1/profiles/lookup?identifier="
							+ URLEncoder.encode("user_id:console-jane", StandardCharsets.UTF_8)),
					"Authorization", "Bearer " + this.supportKey);
			return (found != null && found.path("computed").path("eventCount").asInt() == TRACKED + 3) ? found : null;
		}, (found) -> found != null);
		this.profileId = profile.path("profileId").asString();
	}

	URI uri(String path) {
		return this.gateway.uri(path);
	}

	String supportKey() {
		return this.supportKey;
	}

	String profilesOnlyKey() {
		return this.profilesOnlyKey;
	}

	String profileId() {
		return this.profileId;
	}

	@Override
	public void close() throws InterruptedException {
		for (ServiceProcess service : new ServiceProcess[] { this.gateway, this.profiles, this.ingest }) {
			if (service != null) {
				service.close();
			}
		}
	}

	private String createKey(String admin, String name, String scopes) {
		return this.http
			.post(uri("/v1/admin/api-keys"), admin, "{\"name\": \"" + name + "\", \"scopes\": [" + scopes + "]}", 201)
			.path("key")
			.asString();
	}

	private String writeKey(String admin, String body) {
		return this.http.post(uri("/v1/admin/sources"), admin, body, 201).path("writeKey").asString();
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static CompletableFuture<ServiceProcess> starting(String module, int port, List<String> arguments) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return ServiceProcess.start(module, port, arguments);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[24];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
