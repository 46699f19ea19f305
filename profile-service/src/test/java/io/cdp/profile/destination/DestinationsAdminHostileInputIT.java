package io.cdp.profile.destination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.json.ContractJson;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.http.RawHttp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests to {@code /v1/admin/destinations} against the running
 * service, sent byte for byte ({@link RawHttp}) and signed as the gateway signs them:
 * each gets a 4xx problem of the expected type naming the fields at fault, never a 5xx.
 * URLs that point at the service's own network, the cloud metadata service or odd
 * spellings of them are refused by name. Then the lifecycle: the secret answered once, a
 * taken name, the limit (3 here), a missing scope, replace and delete.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + DestinationsAdminHostileInputIT.INTERNAL_SECRET,
				"cdp.destinations.secret-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
				"cdp.destinations.max-destinations=3", "cdp.destinations.allowed-hosts=hooks.example.com" })
@RealInfrastructure
class DestinationsAdminHostileInputIT {

	static final String INTERNAL_SECRET = "destinations-hostile-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final String DESTINATIONS = "/v1/admin/destinations";

	private static final String VALID_URL = "https://hooks.example.com/cdp";

	static Stream<Hostile> hostileRequests() {
		String many = "[" + String.join(",", Collections.nCopies(5_000, "\"a\"")) + "]";
		return Stream.of(
				// Bodies that are not a destination at all
				post("", 400, "invalid-request", "body"), post("null", 400, "invalid-request", "body"),
				post("[1]", 400, "invalid-request", "body"), post("{\"name\": ", 400, "malformed-request", "body"),
				new Hostile("POST", DESTINATIONS, "text/plain", bytes("{}"), 415, "unsupported-media-type",
						List.of("Content-Type")),
				new Hostile("POST", DESTINATIONS, "application/json", new byte[] { '{', (byte) 0xFF, '}' }, 400,
						"malformed-request", List.of("body")),
				new Hostile("POST", DESTINATIONS, "application/json",
						bytes("{\"name\": \"" + "x".repeat(70_000) + "\"}"), 413, "payload-too-large", List.of()),
				post("{}", 400, "invalid-request", "name", "url"),
				// Every wrong field named at once
				post("{\"name\": \"Bad Name!\", \"url\": 42, \"audiences\": {}, \"identifiers\": [\"e-mail\"], "
						+ "\"traits\": [1], \"batchSize\": 0, \"batchIntervalMs\": -1, \"rateLimit\": \"fast\", "
						+ "\"deadLetterAfterHours\": 1e9, \"script\": \"1+1\"}", 400, "invalid-request", "name", "url",
						"audiences", "identifiers[0]", "traits[0]", "batchSize", "batchIntervalMs", "rateLimit",
						"deadLetterAfterHours", "script"),
				destination("\"batchSize\": 1001", "batchSize"),
				destination("\"batchSize\": 99999999999999999999999", "batchSize"),
				destination("\"batchSize\": 1.5", "batchSize"), destination("\"rateLimit\": 0", "rateLimit"),
				destination("\"rateLimit\": 1e400", "rateLimit"), destination("\"audiences\": []", "audiences"),
				destination("\"traits\": " + many, "traits"),
				destination("\"consent\": [\"Marketing!\"]", "consent[0]"),
				destination("\"consent\": \"marketing\"", "consent"),
				destination("\"name\": \"x'; DROP TABLE profile.destinations; --\"", "name"),
				destination("\"name\": \"t\\u0000\"", "name"),
				// URLs against request forgery, each refused under url
				url("http://hooks.example.com/cdp"), url("https://127.0.0.1/"), url("https://localhost:8082/v1/admin"),
				url("https://169.254.169.254/latest/meta-data/"), url("https://metadata.google.internal/"),
				url("https://[::1]/"), url("https://[::ffff:127.0.0.1]/"), url("https://[fd00:ec2::254]/"),
				url("https://2130706433/"), url("https://0x7f.1/"), url("https://0177.0.0.1/"),
				url("https://10.0.0.1/"), url("https://192.168.0.1/"), url("https://100.64.0.1/"),
				url("https://user:pw@hooks.example.com/"), url("file:///etc/passwd"), url("gopher://x/"),
				url("https://no-such-host.invalid/"), url("https://" + "a".repeat(3000) + ".com/"),
				url("https://hooks.example.com\\u0000.evil.com/"), url("https://hooks.example.com/\\r\\nX: y"),
				// Ids and parameters in the path
				request("GET", DESTINATIONS + "/%00", null, 400, "invalid-request", "path"),
				request("GET", DESTINATIONS + "/999999999999999999999999", null, 404, "destination-not-found", "id"),
				request("GET", DESTINATIONS + "/0", null, 404, "destination-not-found", "id"),
				request("GET", DESTINATIONS + "/x'%20OR%20'1'='1", null, 404, "destination-not-found", "id"),
				request("DELETE", DESTINATIONS + "/nothing_here", null, 404, "destination-not-found", "id"),
				request("GET", DESTINATIONS + "/nothing/dead-letters", null, 404, "destination-not-found", "id"),
				request("POST", DESTINATIONS + "/nothing/dead-letters/replay", null, 404, "destination-not-found",
						"id"),
				request("PUT", DESTINATIONS + "/nothing_here", "{\"name\": \"t\", \"url\": \"" + VALID_URL + "\"}", 404,
						"destination-not-found", "id"),
				request("PATCH", DESTINATIONS + "/1", "{}", 405, "method-not-allowed"));
	}

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@MethodSource("hostileRequests")
	void shouldAnswerWithAProblemNamingWhatIsWrongNeverAServerError(Hostile hostile) {
		RawHttp.Response response = send(hostile.method(), hostile.target(), hostile.contentType(), hostile.body(),
				Set.of("admin"));

		assertThat(response.status()).as(response.body()).isEqualTo(hostile.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = ContractJson.mapper().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://cdp.example.com/problems/" + hostile.type());
		if (!hostile.fields().isEmpty()) {
			assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrderElementsOf(hostile.fields());
		}
	}

	@Test
	void shouldAnswerTheSecretOnceAndRefuseATakenNameTheLimitAndACallerWithoutTheAdminScope() {
		String destination = "{\"name\": \"%s\", \"url\": \"" + VALID_URL + "\", \"audiences\": \"all\"}";
		RawHttp.Response created = send("POST", DESTINATIONS, "application/json", bytes(destination.formatted("first")),
				Set.of("admin"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode first = ContractJson.mapper().readTree(created.body());
		String secret = first.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(first.get("audiences").asString()).isEqualTo("all");
		assertThat(first.get("batchSize").asInt()).isEqualTo(100);
		RawHttp.Response read = send("GET", DESTINATIONS + "/first", null, null, Set.of("admin"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(secret);
		assertThat(send("GET", DESTINATIONS, null, null, Set.of("admin")).body()).doesNotContain(secret);

		RawHttp.Response taken = send("POST", DESTINATIONS, "application/json", bytes(destination.formatted("first")),
				Set.of("admin"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.body()).contains("destination-name-taken");
		assertThat(
				send("POST", DESTINATIONS, "application/json", bytes(destination.formatted("second")), Set.of("admin"))
					.status())
			.isEqualTo(201);
		assertThat(
				send("POST", DESTINATIONS, "application/json", bytes(destination.formatted("third")), Set.of("admin"))
					.status())
			.isEqualTo(201);
		RawHttp.Response over = send("POST", DESTINATIONS, "application/json", bytes(destination.formatted("fourth")),
				Set.of("admin"));
		assertThat(over.status()).isEqualTo(409);
		assertThat(ContractJson.mapper().readTree(over.body()).get("limit").asInt()).isEqualTo(3);

		RawHttp.Response renamed = send("PUT", DESTINATIONS + "/second", "application/json",
				bytes(destination.formatted("third")), Set.of("admin"));
		assertThat(renamed.status()).isEqualTo(409);
		RawHttp.Response replaced = send(
				"PUT", DESTINATIONS + "/second", "application/json", bytes("{\"name\": \"second\", \"url\": \""
						+ VALID_URL + "/v2\", \"audiences\": [\"vip\"], " + "\"batchSize\": 5, \"rateLimit\": 0.5}"),
				Set.of("admin"));
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		JsonNode second = ContractJson.mapper().readTree(replaced.body());
		assertThat(second.get("url").asString()).endsWith("/v2");
		assertThat(second.get("rateLimit").asDouble()).isEqualTo(0.5);
		assertThat(second.path("secret").isNull() || second.path("secret").isMissingNode()).isTrue();
		RawHttp.Response hostileUpdate = send("PUT", DESTINATIONS + "/second", "application/json",
				bytes("{\"name\": \"second\", \"url\": \"https://169.254.169.254/\"}"), Set.of("admin"));
		assertThat(hostileUpdate.status()).isEqualTo(400);
		assertThat(hostileUpdate.body()).contains("cloud metadata");

		assertThat(send("GET", DESTINATIONS, null, null, Set.of("profiles:read", "events:read")).status())
			.isEqualTo(403);
		assertThat(send("DELETE", DESTINATIONS + "/first", null, null, Set.of("events:read")).status()).isEqualTo(403);
		assertThat(send("GET", DESTINATIONS + "/first/dead-letters?limit=0", null, null, Set.of("admin")).status())
			.isEqualTo(400);
		assertThat(send("GET", DESTINATIONS + "/first/dead-letters?after=x", null, null, Set.of("admin")).status())
			.isEqualTo(400);
		RawHttp.Response noDeadLetters = send("GET", DESTINATIONS + "/first/dead-letters", null, null, Set.of("admin"));
		assertThat(ContractJson.mapper().readTree(noDeadLetters.body()).get("deadLetters")).isEmpty();
		assertThat(send("POST", DESTINATIONS + "/first/dead-letters/42/replay", null, null, Set.of("admin")).status())
			.isEqualTo(404);
		assertThat(send("DELETE", DESTINATIONS + "/first", null, null, Set.of("admin")).status()).isEqualTo(204);
		JsonNode list = ContractJson.mapper().readTree(send("GET", DESTINATIONS, null, null, Set.of("admin")).body());
		assertThat(list.get("destinations")).hasSize(2);
	}

	private RawHttp.Response send(String method, String target, @Nullable String contentType, byte @Nullable [] body,
			Set<String> scopes) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		if (contentType != null) {
			headers.add(Map.entry("Content-Type", contentType));
		}
		headers.add(Map.entry(CallerHeader.NAME, GATEWAY.write("console", scopes, Instant.now())));
		return RawHttp.to(this.port, Duration.ofSeconds(10)).send(method, target, headers, body);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Hostile post(String body, int status, String type, String... fields) {
		return new Hostile("POST", DESTINATIONS, "application/json", bytes(body), status, type, List.of(fields));
	}

	private static Hostile destination(String field, String named) {
		return post("{\"name\": \"hostile\", \"url\": \"" + VALID_URL + "\", " + field + "}", 400, "invalid-request",
				named);
	}

	private static Hostile url(String url) {
		return post("{\"name\": \"hostile\", \"url\": \"" + url + "\"}", 400, "invalid-request", "url");
	}

	private static Hostile request(String method, String target, @Nullable String body, int status, String type,
			String... fields) {
		return new Hostile(method, target, (body != null) ? "application/json" : null,
				(body != null) ? bytes(body) : null, status, type, List.of(fields));
	}

	/**
	 * One request and what it must get.
	 *
	 * @param method the method
	 * @param target path and query, sent as written
	 * @param contentType the content type, or null
	 * @param body the body, or null
	 * @param status the expected 4xx status
	 * @param type the expected problem type, after the common base
	 * @param fields the fields the problem must name under {@code errors}, if any
	 */
	record Hostile(String method, String target, @Nullable String contentType, byte @Nullable [] body, int status,
			String type, List<String> fields) {

		@Override
		public String toString() {
			String shown = (this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "";
			return this.method + " " + ((this.target.length() > 60) ? this.target.substring(0, 60) + "…" : this.target)
					+ " " + ((shown.length() > 80) ? shown.substring(0, 80) + "…" : shown) + " → " + this.status;
		}

	}

}
