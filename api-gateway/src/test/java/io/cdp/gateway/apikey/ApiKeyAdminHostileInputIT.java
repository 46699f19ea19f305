package io.cdp.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cdp.contract.json.ContractJson;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.cdp.testinfra.http.RawHttp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests to the gateway's own endpoints, sent byte for byte
 * ({@link RawHttp}): NUL and invalid bytes in ids and names, malformed and oversized
 * bodies, unusable {@code Authorization} headers. Every one gets a 4xx problem naming
 * what is wrong, never a 5xx and never a hang; only a header value holding a NUL is
 * refused by the HTTP server itself (Netty validates header values), with a bare 400.
 * Each table row is one request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + ApiKeyAdminHostileInputIT.ADMIN_KEY,
				"cdp.gateway.requests.max-body-size=64KB" })
class ApiKeyAdminHostileInputIT extends StubbedUpstreamsGateway {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-hostile-input-tests";

	private static final String KEYS = "/v1/admin/api-keys";

	private static final String ADMIN = "Bearer " + ADMIN_KEY;

	static Stream<HostileRequest> hostileRequests() {
		return Stream.of(
				// Ids in the path
				admin("DELETE", KEYS + "/%00", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/key_%00", null, null, 400, "invalid-request", "id"),
				admin("POST", KEYS + "/%00/revoke", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/%FF", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/%C0%AF", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/%ED%A0%80", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/key%20%0A1", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/" + "k".repeat(65), null, null, 400, "invalid-request", "id"),
				admin("POST", KEYS + "/%E2%80%AE/revoke", null, null, 400, "invalid-request", "id"),
				admin("DELETE", KEYS + "/key_0000000000000000", null, null, 404, "api-key-not-found"),
				// Names and scopes in the body
				create("{\"name\":\"ops\\u0000bot\",\"scopes\":[\"admin\"]}", 400, "invalid-request", "name"),
				create("{\"name\":\"\\ud800\",\"scopes\":[\"admin\"]}", 400, "invalid-request", "name"),
				create("{\"name\":\"caf\u00e9\",\"scopes\":[\"admin\"]}", 400, "invalid-request", "name"),
				create("{\"name\":\"" + "n".repeat(65) + "\",\"scopes\":[\"admin\"]}", 400, "invalid-request", "name"),
				create("{\"name\":\"\",\"scopes\":[\"admin\"]}", 400, "invalid-request", "name"),
				create("{\"name\":\"ok-name\",\"scopes\":[\"admin\\u0000\"]}", 400, "invalid-request", "scopes"),
				create("{\"name\":\"ok-name\",\"scopes\":[null]}", 400, "invalid-request", "scopes"),
				create("{\"name\":\"ok-name\",\"scopes\":[]}", 400, "invalid-request", "scopes"),
				create("{\"name\":\"ok-name\",\"scopes\":[\"" + "x".repeat(10_000) + "\"]}", 400, "invalid-request",
						"scopes"),
				create("{\"name\":null,\"scopes\":null}", 400, "invalid-request", "name", "scopes"),
				// Bodies that are not the JSON object asked for
				create("{\"name\":", 400, "invalid-request", "body"),
				create("{\"name\":\"ok-name\",\"scopes\":\"admin\"}", 400, "invalid-request", "body"),
				create("{\"name\":{\"first\":\"x\"},\"scopes\":[\"admin\"]}", 400, "invalid-request", "body"),
				create("[]", 400, "invalid-request", "body"), create("null", 400, "invalid-request", "body"),
				create("", 400, "invalid-request", "body"), create("\"admin\"", 400, "invalid-request", "body"),
				create("[".repeat(5_000) + "]".repeat(5_000), 400, "invalid-request", "body"),
				create("{\"name\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", 400, "invalid-request", "body"),
				create("{\"name\":\"x\",\"scopes\":[\"admin\"]} trailing", 400, "invalid-request", "body"),
				new HostileRequest("POST", KEYS, headers(ADMIN, "application/json"),
						concat("{\"scopes\":[\"admin\"],\"name\":\"", new byte[] { (byte) 0xC0, (byte) 0xAF }, "\"}"),
						400, "invalid-request", List.of("name")),
				new HostileRequest("POST", KEYS,
						List.of(Map.entry("Authorization", ADMIN), Map.entry("Content-Type", "application/json"),
								Map.entry("Content-Length", "70000")),
						"{}".getBytes(StandardCharsets.UTF_8), 413, "payload-too-large", List.of()),
				new HostileRequest("POST", KEYS, headers(ADMIN, "text/plain"),
						"{\"name\":\"x\",\"scopes\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8), 415,
						"unsupported-media-type", List.of()),
				new HostileRequest("POST", KEYS, headers(ADMIN, "multipart/form-data; boundary=x"),
						"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--x--\r\n"
							.getBytes(StandardCharsets.UTF_8),
						415, "unsupported-media-type", List.of()),
				new HostileRequest("POST", KEYS, headers(ADMIN, "application/json; charset=bogus"),
						"{}".getBytes(StandardCharsets.UTF_8), 415, "unsupported-media-type", List.of()),
				// Methods the endpoint does not have
				admin("PUT", KEYS, null, null, 405, "method-not-allowed"),
				admin("FOO", KEYS, null, null, 405, "method-not-allowed"),
				admin("PATCH", KEYS + "/key_0000000000000000", null, null, 405, "method-not-allowed"),
				// Header values holding a NUL: the HTTP server refuses them with a bare
				// 400
				// before the gateway sees them, as RFC 9110 asks
				refusedByTheServer("Bearer \u0000"), refusedByTheServer("Bearer " + ADMIN_KEY + "\u0000"),
				refusedByTheServer("\u0000"),
				// Authorization headers that name no key
				unauthorized("Bearer caf\u00e9"), unauthorized("Bearer \u00ff\u00fe"),
				unauthorized("Bearer " + "k".repeat(6_000)), unauthorized("Bearer"), unauthorized("Bearer "),
				unauthorized("Bearer \t"), unauthorized("bearer"), unauthorized("Basic " + ADMIN_KEY),
				unauthorized("Basic %%%"), unauthorized("Bearer " + ADMIN_KEY.toUpperCase()),
				unauthorized("Digest username=\"admin\""));
	}

	@ParameterizedTest
	@MethodSource("hostileRequests")
	void shouldAnswerWithAProblemNamingWhatIsWrongNeverAServerError(HostileRequest hostile) {
		RawHttp.Response response = RawHttp.to(this.port, Duration.ofSeconds(10))
			.send(hostile.method(), hostile.target(), hostile.headers(), hostile.body());

		assertThat(response.status()).as(response.body()).isEqualTo(hostile.status());
		if (hostile.type() == null) {
			assertThat(response.body()).isEmpty();
			return;
		}
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = ContractJson.mapper().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://cdp.example.com/problems/" + hostile.type());
		assertThat(problem.get("status").asInt()).isEqualTo(hostile.status());
		if (!hostile.fields().isEmpty()) {
			assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrderElementsOf(hostile.fields());
		}
	}

	private static HostileRequest admin(String method, String target, @Nullable String contentType,
			@Nullable String body, int status, String type, String... fields) {
		return new HostileRequest(method, target, headers(ADMIN, contentType),
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, status, type, List.of(fields));
	}

	private static HostileRequest create(String body, int status, String type, String... fields) {
		return admin("POST", KEYS, "application/json", body, status, type, fields);
	}

	/** The header is sent as ISO-8859-1: one byte per character. */
	private static HostileRequest unauthorized(String authorization) {
		return new HostileRequest("GET", KEYS, headers(authorization, null), null, 401, "api-key-required", List.of());
	}

	private static HostileRequest refusedByTheServer(String authorization) {
		return new HostileRequest("GET", KEYS, headers(authorization, null), null, 400, null, List.of());
	}

	private static byte[] concat(String before, byte[] raw, String after) {
		byte[] start = before.getBytes(StandardCharsets.UTF_8);
		byte[] end = after.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[start.length + raw.length + end.length];
		System.arraycopy(start, 0, all, 0, start.length);
		System.arraycopy(raw, 0, all, start.length, raw.length);
		System.arraycopy(end, 0, all, start.length + raw.length, end.length);
		return all;
	}

	private static List<Map.Entry<String, String>> headers(String authorization, @Nullable String contentType) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		headers.add(Map.entry("Authorization", authorization));
		if (contentType != null) {
			headers.add(Map.entry("Content-Type", contentType));
		}
		return headers;
	}

	/**
	 * One request and what it must get.
	 *
	 * @param method the method
	 * @param target path and query, sent as written
	 * @param headers the headers
	 * @param body the body, or null
	 * @param status the expected 4xx status
	 * @param type the expected problem type, after the common base, or null for a bare
	 * answer of the HTTP server
	 * @param fields the fields the problem must name under {@code errors}, if any
	 */
	record HostileRequest(String method, String target, List<Map.Entry<String, String>> headers, byte @Nullable [] body,
			int status, String type, List<String> fields) {

		@Override
		public String toString() {
			String shown = this.method + " " + this.target + " "
					+ this.headers.stream().map((header) -> header.getKey() + ": " + header.getValue()).toList()
					+ ((this.body != null) ? " " + new String(this.body, StandardCharsets.UTF_8) : "");
			String printable = shown.replaceAll("\\p{Cntrl}", "�");
			return ((printable.length() > 120) ? printable.substring(0, 120) + "…" : printable) + " → " + this.status;
		}

	}

}
