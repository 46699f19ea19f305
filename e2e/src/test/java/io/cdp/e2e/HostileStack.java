package io.cdp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * The whole platform as it is deployed, for the hostile-input corpus: the packaged
 * api-gateway, ingest-service and profile-service as processes on the real broker and
 * PostgreSQL, then set up through the gateway as an operator would (API keys from the
 * bootstrap admin key, a source of every kind) and given one real profile with a history,
 * so that the corpus's profile and history requests find something.
 */
final class HostileStack implements RequestTemplate.Bindings, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HostileStack.class);

	static final String INTERNAL_SECRET = "hostile-input-internal-secret";

	/** The API keys the corpus names, with their scopes; {@code revoked} is revoked. */
	static final Map<String, Set<String>> API_KEYS = Map.of("admin", Set.of("admin"), "reader",
			Set.of("profiles:read", "events:read"), "profiles", Set.of("profiles:read"), "events",
			Set.of("events:read"), "revoked", Set.of("admin", "profiles:read", "events:read"));

	/** The sources the corpus names, with the body that creates each. */
	private static final Map<String, String> SOURCES = sources();

	private static final String SEED_USER = "hostile-seed-user";

	private final String bootstrapKey = "cdp_" + HexFormat.of().formatHex(randomBytes());

	private final HttpJson http = new HttpJson();

	private final CallerHeader callerHeader = new CallerHeader(INTERNAL_SECRET);

	private final Map<String, String> apiKeys = new LinkedHashMap<>();

	private final Map<String, JsonNode> sources = new LinkedHashMap<>();

	private final List<String> missingSources = new ArrayList<>();

	private ServiceProcess ingest;

	private ServiceProcess profiles;

	private ServiceProcess gateway;

	private String profileId;

	private String cursor;

	/**
	 * Starts the three services side by side: the gateway is told the ports the others
	 * will listen on.
	 */
	void start(TestKafka kafka, TestDatabase database) throws IOException {
		List<String> datasource = List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password());
		List<String> shared = new ArrayList<>(datasource);
		shared.addAll(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
				"--cdp.topics.prefix=" + kafka.topicPrefix(), "--cdp.caller.internal-secret=" + INTERNAL_SECRET));
		int ingestPort = ServiceProcess.freePort();
		int profilePort = ServiceProcess.freePort();
		List<String> gatewayArguments = new ArrayList<>(datasource);
		gatewayArguments.addAll(List.of("--cdp.gateway.api-keys.bootstrap-admin-key=" + this.bootstrapKey,
				"--cdp.gateway.caller.internal-secret=" + INTERNAL_SECRET,
				"--cdp.gateway.routes.ingest.uri=http://localhost:" + ingestPort,
				"--cdp.gateway.routes.profile.uri=http://localhost:" + profilePort));
		// The corpus is one client sending hundreds of requests at once; rate limits are
		// tested elsewhere.
		for (String bucket : List.of("api-key", "write-key")) {
			gatewayArguments.add("--cdp.gateway.rate-limit." + bucket + ".capacity=1000000");
			gatewayArguments.add("--cdp.gateway.rate-limit." + bucket + ".refill-tokens=1000000");
		}
		CompletableFuture<ServiceProcess> ingestStarting = starting("ingest-service", ingestPort, shared);
		CompletableFuture<ServiceProcess> profileStarting = starting("profile-service", profilePort, shared);
		CompletableFuture<ServiceProcess> gatewayStarting = starting("api-gateway", ServiceProcess.freePort(),
				gatewayArguments);
		// Every one that came up is kept, so that close() stops it even if another
		// failed.
		CompletableFuture.allOf(ingestStarting, profileStarting, gatewayStarting)
			.exceptionally((failure) -> null)
			.join();
		this.profiles = profileStarting.exceptionally((failure) -> null).join();
		this.gateway = gatewayStarting.exceptionally((failure) -> null).join();
		this.ingest = ingestStarting.exceptionally((failure) -> null).join();
		for (CompletableFuture<ServiceProcess> starting : List.of(ingestStarting, profileStarting, gatewayStarting)) {
			starting.join();
		}
	}

	/** Creates the API keys and sources, and a profile with a history of three events. */
	void setUp() {
		for (Map.Entry<String, Set<String>> key : new TreeMap<>(API_KEYS).entrySet()) {
			JsonNode created = this.http
				.post(this.gateway.uri("/v1/admin/api-keys"), "Bearer " + this.bootstrapKey,
						"{\"name\": \"hostile-" + key.getKey() + "\", \"scopes\": "
								+ key.getValue().stream().sorted().map((scope) -> "\"" + scope + "\"").toList() + "}",
						201);
			this.apiKeys.put(key.getKey(), created.path("key").asString());
			if (key.getKey().equals("revoked")) {
				this.http.post(this.gateway.uri("/v1/admin/api-keys/" + created.path("id").asString() + "/revoke"),
						"Bearer " + this.bootstrapKey, "", 204);
			}
		}
		// Gateway instances learn keys from PostgreSQL when they refresh: every key must
		// authenticate (200 or 403, never 401) before the corpus relies on it.
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.apiKeys.entrySet()
				.stream()
				.filter((key) -> !key.getKey().equals("revoked"))
				.allMatch((key) -> this.http.status(this.gateway.uri("/v1/admin/api-keys"), "Authorization",
						"Bearer " + key.getValue()) != 401));
		SOURCES.forEach((name, body) -> {
			JsonNode created = this.http.postIfAccepted(this.gateway.uri("/v1/admin/sources"),
					"Bearer " + this.apiKeys.get("admin"), body, 201);
			if (created != null) {
				this.sources.put(name, created);
			}
			else {
				this.missingSources.add(name);
			}
		});
		if (!this.missingSources.isEmpty()) {
			logger.warn("Sources this build cannot create; cases that use them meet an unknown write key: {}",
					this.missingSources);
		}
		this.http.post(this.gateway.uri("/v1/admin/sources/" + sourceId("disabled") + "/disable"),
				"Bearer " + this.apiKeys.get("admin"), "", 200);
		seedProfile();
	}

	URI gateway(String target) {
		return this.gateway.uri(target);
	}

	/** The service behind the gateway by module name. */
	ServiceProcess service(String module) {
		return module.equals("profile-service") ? this.profiles : this.ingest;
	}

	List<ServiceProcess> services() {
		return List.of(this.gateway, this.ingest, this.profiles);
	}

	List<String> missingSources() {
		return List.copyOf(this.missingSources);
	}

	/** The API key with this corpus name, for the gateway. */
	String apiKey(String name) {
		String key = this.apiKeys.get(name);
		if (key == null) {
			throw new IllegalArgumentException("The corpus names an API key " + name + "; known: " + API_KEYS.keySet());
		}
		return key;
	}

	/**
	 * The signed caller header the gateway would send for this key, for requests straight
	 * to a service; null for a key the gateway refuses.
	 */
	String callerHeader(String apiKeyName) {
		Set<String> scopes = API_KEYS.get(apiKeyName);
		if (scopes == null || apiKeyName.equals("revoked")) {
			return null;
		}
		return this.callerHeader.write("hostile-" + apiKeyName, scopes, Instant.now());
	}

	/** The source ids of every source created, by corpus name. */
	Map<String, String> sourceIds() {
		Map<String, String> ids = new LinkedHashMap<>();
		this.sources.forEach((name, view) -> ids.put(name, view.path("id").asString()));
		return ids;
	}

	@Override
	public String writeKey(String source) {
		JsonNode view = this.sources.get(source);
		if (view == null && !SOURCES.containsKey(source)) {
			throw new IllegalArgumentException("The corpus names a source " + source + "; known: " + SOURCES.keySet());
		}
		// A source this build could not create: its cases meet an unknown key.
		return (view != null) ? view.path("writeKey").asString() : "wk-not-created-" + source;
	}

	@Override
	public String sourceId(String source) {
		JsonNode view = this.sources.get(source);
		return (view != null) ? view.path("id").asString() : "src_not_created_" + source;
	}

	@Override
	public String profileId() {
		return this.profileId;
	}

	@Override
	public String cursor() {
		return this.cursor;
	}

	@Override
	public void close() throws InterruptedException {
		for (ServiceProcess service : new ServiceProcess[] { this.gateway, this.profiles, this.ingest }) {
			if (service != null) {
				service.close();
			}
		}
	}

	/**
	 * Three events of one person through the gateway, stored before any hostile request
	 * is sent; the second page of their history gives a real cursor.
	 */
	private void seedProfile() {
		String web = HttpJson.basic(writeKey("web"));
		this.http.post(this.gateway.uri("/v1/identify"), web, """
				{"messageId": "hostile-seed-1", "userId": "%s", "traits": {"email": "seed@example.com"}}"""
			.formatted(SEED_USER), 200);
		for (int index = 2; index <= 3; index++) {
			this.http.post(this.gateway.uri("/v1/track"), web, """
					{"messageId": "hostile-seed-%d", "userId": "%s", "event": "Seeded"}""".formatted(index, SEED_USER),
					200);
		}
		String reader = "Bearer " + this.apiKeys.get("reader");
		JsonNode profile = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			JsonNode found = this.http.get(
					this.gateway.uri("/v1/profiles/lookup?identifier="
							+ URLEncoder.encode("user_id:" + SEED_USER, StandardCharsets.UTF_8)),
					"Authorization", reader);
			return (found != null && found.path("computed").path("eventCount").asInt() == 3) ? found : null;
		}, (found) -> found != null);
		this.profileId = profile.path("profileId").asString();
		JsonNode page = this.http.get(this.gateway.uri("/v1/profiles/" + this.profileId + "/events?limit=1"),
				"Authorization", reader);
		this.cursor = page.path("nextCursor").asString();
		Set<String> ids = new TreeSet<>(this.sourceIds().keySet());
		logger.info("Hostile-input stack ready: profile {}, sources {}", this.profileId, ids);
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

	private static Map<String, String> sources() {
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("web", "{\"name\": \"Hostile web\", \"kind\": \"segment\", \"channel\": \"web\"}");
		sources.put("app", "{\"name\": \"Hostile app\", \"kind\": \"segment\", \"channel\": \"mobile\"}");
		sources.put("disabled", "{\"name\": \"Hostile disabled\", \"kind\": \"segment\", \"channel\": \"web\"}");
		for (String provider : List.of("sendgrid", "mailgun", "zendesk", "intercom", "postmark")) {
			sources.put(provider, "{\"name\": \"Hostile %s\", \"kind\": \"webhook\", \"provider\": \"%s\"}"
				.formatted(provider, provider));
		}
		for (String provider : List.of("mailgun", "zendesk", "intercom")) {
			sources.put(provider + "-signed",
					"{\"name\": \"Hostile signed %s\", \"kind\": \"webhook\", \"provider\": \"%s\", \"signingSecret\": \"hostile-secret\"}"
						.formatted(provider, provider));
		}
		String mapping = """
				{"type": "track", "event": "/event", "messageId": "/id", "timestamp": "/at",
				 "identifiers": {"email": "/email", "user_id": "/user"},
				 "traits": {"name": "/name"}, "properties": {"amount": "/amount", "data": "/data"}}""";
		sources.put("mapped", "{\"name\": \"Hostile mapped\", \"kind\": \"mapped\", \"channel\": \"server\", "
				+ "\"mapping\": " + mapping + "}");
		sources.put("mapped-other", "{\"name\": \"Hostile other mapped\", \"kind\": \"mapped\", "
				+ "\"channel\": \"server\", \"mapping\": " + mapping + "}");
		return sources;
	}

}
