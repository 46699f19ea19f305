package io.cdp.profile.computed;

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
 * Hostile and malformed requests to {@code /v1/admin/computed-traits} against the running
 * service, sent byte for byte ({@link RawHttp}) and signed as the gateway signs them:
 * each gets a 4xx problem of the expected type naming the field at fault, never a 5xx.
 * Then the conflicts: a taken name, the limit on definitions (3 here), a missing scope.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + ComputedTraitsAdminHostileInputIT.INTERNAL_SECRET,
				"cdp.computed-traits.max-definitions=3" })
@RealInfrastructure
class ComputedTraitsAdminHostileInputIT {

	static final String INTERNAL_SECRET = "computed-traits-hostile-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final String TRAITS = "/v1/admin/computed-traits";

	@LocalServerPort
	private int port;

	static Stream<Hostile> hostileRequests() {
		// 10,000 elements, within the 64 KB a definition may have.
		String many = "[" + String.join(",", Collections.nCopies(10_000, "1")) + "]";
		return Stream.of(
				// Bodies that are not a definition at all
				post("", 400, "invalid-request", "body"), post("null", 400, "invalid-request", "body"),
				post("[1, 2]", 400, "invalid-request", "body"), post("{\"name\": ", 400, "malformed-request", "body"),
				post("{\"name\": \"a\"}{}", 400, "malformed-request", "body"),
				new Hostile("POST", TRAITS, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), 415,
						"unsupported-media-type", List.of("Content-Type")),
				new Hostile("POST", TRAITS, "application/json", new byte[] { '{', (byte) 0xFF, (byte) 0xFE, '}' }, 400,
						"malformed-request", List.of("body")),
				new Hostile("POST", TRAITS, "application/json",
						("{\"name\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8), 413,
						"payload-too-large", List.of()),
				// Definitions with hostile fields, each named
				post("{\"name\": \"x'; DROP TABLE profile.events; --\", \"aggregate\": \"count\"}", 400,
						"invalid-request", "name"),
				post("{\"name\": \"caf\u00e9\", \"aggregate\": \"count\"}", 400, "invalid-request", "name"),
				post("{\"name\": \"t\\u0000\", \"aggregate\": \"count\"}", 400, "invalid-request", "name"),
				post("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"events\": " + many + "}}", 400,
						"invalid-request", "filter.events"),
				post("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties.a\\u0000\"}", 400,
						"invalid-request", "property"),
				post("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"properties.\\udc00\"}", 400,
						"invalid-request", "property"),
				post("{\"name\": \"t\", \"aggregate\": \"sum\", \"property\": \"$.properties[0]\"}", 400,
						"invalid-request", "property"),
				post("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
						+ "\"properties.x\", \"op\": \"eq\", \"value\": {\"$gt\": {\"nested\": [1, {\"deep\": 2}]}}}]}}",
						400, "invalid-request", "filter.conditions[0].value"),
				post("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
						+ "\"properties.x\", \"op\": \"gte\", \"value\": \"100\"}]}}", 400, "invalid-request",
						"filter.conditions[0].value"),
				post("{\"name\": \"t\", \"aggregate\": \"count\", \"filter\": {\"conditions\": [{\"property\": "
						+ "\"properties.x\", \"op\": \"eq\", \"value\": 1e999999}]}}", 400, "invalid-request",
						"filter.conditions[0].value"),
				post("{\"name\": \"t\", \"aggregate\": \"count\", \"window\": {\"days\": 99999999999999999999}}", 400,
						"invalid-request", "window.days"),
				post("{\"name\": \"t\", \"aggregate\": \"eval('1')\", \"expression\": \"1+1\"}", 400, "invalid-request",
						"aggregate", "expression"),
				// Ids in the path
				request("GET", TRAITS + "/%00", null, 400, "invalid-request", "path"),
				request("GET", TRAITS + "/%FF", null, 400, "invalid-request", "path"),
				request("GET", TRAITS + "/999999999999999999999999", null, 404, "computed-trait-not-found", "id"),
				request("GET", TRAITS + "/0", null, 404, "computed-trait-not-found", "id"),
				request("GET", TRAITS + "/x'%20OR%20'1'='1", null, 404, "computed-trait-not-found", "id"),
				request("GET", TRAITS + "/" + "n".repeat(4000), null, 404, "computed-trait-not-found", "id"),
				request("DELETE", TRAITS + "/nothing_here", null, 404, "computed-trait-not-found", "id"),
				request("PUT", TRAITS + "/nothing_here", "{\"name\": \"t\", \"aggregate\": \"count\"}", 404,
						"computed-trait-not-found", "id"),
				request("GET", TRAITS + "?x=%FF", null, 400, "invalid-parameter", "x"),
				request("PATCH", TRAITS + "/1", "{}", 405, "method-not-allowed"));
	}

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
	void shouldRefuseATakenNameTheDefinitionOverTheLimitAndACallerWithoutTheAdminScope() {
		String definition = "{\"name\": \"%s\", \"aggregate\": \"count\"}";
		assertThat(send("POST", TRAITS, "application/json", bytes(definition.formatted("first")), Set.of("admin"))
			.status()).isEqualTo(201);
		RawHttp.Response taken = send("POST", TRAITS, "application/json", bytes(definition.formatted("first")),
				Set.of("admin"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(ContractJson.mapper().readTree(taken.body()).get("type").asString())
			.endsWith("/computed-trait-name-taken");
		assertThat(send("POST", TRAITS, "application/json", bytes(definition.formatted("second")), Set.of("admin"))
			.status()).isEqualTo(201);
		assertThat(send("POST", TRAITS, "application/json", bytes(definition.formatted("third")), Set.of("admin"))
			.status()).isEqualTo(201);
		RawHttp.Response over = send("POST", TRAITS, "application/json", bytes(definition.formatted("fourth")),
				Set.of("admin"));
		assertThat(over.status()).isEqualTo(409);
		JsonNode limit = ContractJson.mapper().readTree(over.body());
		assertThat(limit.get("type").asString()).endsWith("/computed-trait-limit-reached");
		assertThat(limit.get("limit").asInt()).isEqualTo(3);
		RawHttp.Response renamed = send("PUT", TRAITS + "/second", "application/json",
				bytes(definition.formatted("third")), Set.of("admin"));
		assertThat(renamed.status()).isEqualTo(409);

		assertThat(send("GET", TRAITS, null, null, Set.of("profiles:read", "events:read")).status()).isEqualTo(403);
		assertThat(send("DELETE", TRAITS + "/first", null, null, Set.of("events:read")).status()).isEqualTo(403);
		assertThat(send("DELETE", TRAITS + "/first", null, null, Set.of("admin")).status()).isEqualTo(204);
		RawHttp.Response list = send("GET", TRAITS, null, null, Set.of("admin"));
		assertThat(ContractJson.mapper().readTree(list.body()).get("computedTraits")).hasSize(2);
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
		return new Hostile("POST", TRAITS, "application/json", bytes(body), status, type, List.of(fields));
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
