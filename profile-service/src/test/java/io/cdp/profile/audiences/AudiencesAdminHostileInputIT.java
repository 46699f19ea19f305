package io.cdp.profile.audiences;

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
 * Hostile and malformed requests to {@code /v1/admin/audiences} against the running
 * service, sent byte for byte ({@link RawHttp}) and signed as the gateway signs them:
 * each gets a 4xx problem of the expected type naming the field at fault, never a 5xx.
 * Then the conflicts: a taken name, the limit on audiences (3 here), a missing scope.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + AudiencesAdminHostileInputIT.INTERNAL_SECRET,
				"cdp.audiences.max-definitions=3" })
@RealInfrastructure
class AudiencesAdminHostileInputIT {

	static final String INTERNAL_SECRET = "audiences-hostile-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final String AUDIENCES = "/v1/admin/audiences";

	private static final String VALID = "{\"identifier\": \"email\"}";

	@LocalServerPort
	private int port;

	static Stream<Hostile> hostileRequests() {
		String many = "[" + String.join(",", Collections.nCopies(5_000, "\"a\"")) + "]";
		String deep = "{\"not\": ".repeat(5_000) + VALID + "}".repeat(5_000);
		String nested = "{\"not\": ".repeat(12) + VALID + "}".repeat(12);
		return Stream.of(
				// Bodies that are not an audience at all
				post("", 400, "invalid-request", "body"), post("null", 400, "invalid-request", "body"),
				post("[1, 2]", 400, "invalid-request", "body"), post("{\"name\": ", 400, "malformed-request", "body"),
				post("{\"name\": \"a\"}{}", 400, "malformed-request", "body"),
				new Hostile("POST", AUDIENCES, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), 415,
						"unsupported-media-type", List.of("Content-Type")),
				new Hostile("POST", AUDIENCES, "application/json", new byte[] { '{', (byte) 0xFF, (byte) 0xFE, '}' },
						400, "malformed-request", List.of("body")),
				new Hostile("POST", AUDIENCES, "application/json",
						("{\"name\": \"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8), 413,
						"payload-too-large", List.of()),
				post(deep, 400, "malformed-request", "body"),
				// Audiences with hostile fields, each named
				post("{\"name\": \"a\", \"condition\": " + VALID + ", \"script\": \"1+1\"}", 400, "invalid-request",
						"script"),
				post("{\"condition\": " + VALID + "}", 400, "invalid-request", "name"),
				post("{\"name\": \"a\"}", 400, "invalid-request", "condition"),
				post("{\"name\": \"t\\u0000\", \"condition\": " + VALID + "}", 400, "invalid-request", "name"),
				post("{\"name\": \"" + "n".repeat(101) + "\", \"condition\": " + VALID + "}", 400, "invalid-request",
						"name"),
				post("{\"name\": 7, \"condition\": " + VALID + "}", 400, "invalid-request", "name"),
				post("{\"name\": \"a\", \"condition\": " + nested + "}", 400, "invalid-request"),
				post("{\"name\": \"a\", \"condition\": {\"trait\": \"plan\", \"op\": \"in\", \"value\": " + many + "}}",
						400, "invalid-request", "condition.value"),
				post("{\"name\": \"a\", \"condition\": {\"trait\": \"plan\", \"op\": \"regex\", \"value\": \".*\"}}",
						400, "invalid-request", "condition.op"),
				post("{\"name\": \"a\", \"condition\": {\"trait\": \"plan\", \"op\": {\"$ne\": 1}, \"value\": 1}}", 400,
						"invalid-request", "condition.op"),
				post("{\"name\": \"a\", \"condition\": {\"performed\": {\"event\": \"x\", \"withinDays\": "
						+ "99999999999999999999}}}", 400, "invalid-request", "condition.performed.withinDays"),
				request("POST", AUDIENCES + "/dry-run", "{\"condition\": {\"all\": []}}", 400, "invalid-request",
						"condition.all"),
				request("POST", AUDIENCES + "/dry-run", "{\"condition\": " + VALID + ", \"x\": 1}", 400,
						"invalid-request", "x"),
				// Ids in the path
				request("GET", AUDIENCES + "/%00", null, 400, "invalid-request", "path"),
				request("GET", AUDIENCES + "/999999999999999999999999", null, 404, "audience-not-found", "id"),
				request("GET", AUDIENCES + "/0", null, 404, "audience-not-found", "id"),
				request("GET", AUDIENCES + "/x'%20OR%20'1'='1", null, 404, "audience-not-found", "id"),
				request("GET", AUDIENCES + "/" + "n".repeat(4000), null, 404, "audience-not-found", "id"),
				request("DELETE", AUDIENCES + "/nothing_here", null, 404, "audience-not-found", "id"),
				request("PUT", AUDIENCES + "/nothing_here", "{\"name\": \"t\", \"condition\": " + VALID + "}", 404,
						"audience-not-found", "id"),
				request("GET", "/v1/audiences/nothing_here/members", null, 404, "audience-not-found", "id"),
				request("GET", AUDIENCES + "?x=%FF", null, 400, "invalid-parameter", "x"),
				request("PATCH", AUDIENCES + "/1", "{}", 405, "method-not-allowed"));
	}

	@ParameterizedTest
	@MethodSource("hostileRequests")
	void shouldAnswerWithAProblemNamingWhatIsWrongNeverAServerError(Hostile hostile) {
		RawHttp.Response response = send(hostile.method(), hostile.target(), hostile.contentType(), hostile.body(),
				Set.of("admin", "profiles:read"));

		assertThat(response.status()).as(response.body()).isEqualTo(hostile.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = ContractJson.mapper().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://cdp.example.com/problems/" + hostile.type());
		if (!hostile.fields().isEmpty()) {
			assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrderElementsOf(hostile.fields());
		}
		else if (hostile.status() == 400) {
			assertThat(problem.get("errors").propertyNames()).as(response.body()).isNotEmpty();
		}
	}

	@Test
	void shouldRefuseATakenNameTheAudienceOverTheLimitAndACallerWithoutTheAdminScope() {
		String audience = "{\"name\": \"%s\", \"condition\": " + VALID + "}";
		assertThat(send("POST", AUDIENCES, "application/json", bytes(audience.formatted("first")), Set.of("admin"))
			.status()).isEqualTo(201);
		RawHttp.Response taken = send("POST", AUDIENCES, "application/json", bytes(audience.formatted("first")),
				Set.of("admin"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(ContractJson.mapper().readTree(taken.body()).get("type").asString())
			.endsWith("/audience-name-taken");
		assertThat(send("POST", AUDIENCES, "application/json", bytes(audience.formatted("second")), Set.of("admin"))
			.status()).isEqualTo(201);
		assertThat(send("POST", AUDIENCES, "application/json", bytes(audience.formatted("third")), Set.of("admin"))
			.status()).isEqualTo(201);
		RawHttp.Response over = send("POST", AUDIENCES, "application/json", bytes(audience.formatted("fourth")),
				Set.of("admin"));
		assertThat(over.status()).isEqualTo(409);
		JsonNode limit = ContractJson.mapper().readTree(over.body());
		assertThat(limit.get("type").asString()).endsWith("/audience-limit-reached");
		assertThat(limit.get("limit").asInt()).isEqualTo(3);
		RawHttp.Response renamed = send("PUT", AUDIENCES + "/second", "application/json",
				bytes(audience.formatted("third")), Set.of("admin"));
		assertThat(renamed.status()).isEqualTo(409);

		assertThat(send("GET", AUDIENCES, null, null, Set.of("profiles:read", "events:read")).status()).isEqualTo(403);
		assertThat(send("GET", "/v1/audiences", null, null, Set.of("events:read")).status()).isEqualTo(403);
		assertThat(send("GET", "/v1/audiences", null, null, Set.of("profiles:read")).status()).isEqualTo(200);
		assertThat(send("DELETE", AUDIENCES + "/first", null, null, Set.of("events:read")).status()).isEqualTo(403);
		assertThat(send("DELETE", AUDIENCES + "/first", null, null, Set.of("admin")).status()).isEqualTo(204);
		assertThat(send("GET", AUDIENCES + "/first", null, null, Set.of("admin")).status()).isEqualTo(404);
		RawHttp.Response list = send("GET", AUDIENCES, null, null, Set.of("admin"));
		assertThat(ContractJson.mapper().readTree(list.body()).get("audiences")).hasSize(2);
		assertThat(send("POST", AUDIENCES, "application/json", bytes(audience.formatted("first")), Set.of("admin"))
			.status()).as("a deleted audience's name is free again").isEqualTo(201);
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
		return new Hostile("POST", AUDIENCES, "application/json", bytes(body), status, type, List.of(fields));
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
