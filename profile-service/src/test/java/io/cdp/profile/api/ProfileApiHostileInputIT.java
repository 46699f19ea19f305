package io.cdp.profile.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.json.ContractJson;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.http.RawHttp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests against the running profile service, each signed as the
 * gateway signs them so that they reach the API: every one gets a 4xx problem of the
 * expected type naming the parameter at fault, never a 5xx and never a hang. The requests
 * are sent byte for byte as written ({@link RawHttp}), malformed percent-encoding
 * included. Each table row is one request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.caller.internal-secret=" + ProfileApiHostileInputIT.INTERNAL_SECRET)
@RealInfrastructure
class ProfileApiHostileInputIT {

	static final String INTERNAL_SECRET = "profile-hostile-input-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	/** A profile that exists, so that history requests get as far as the query. */
	private static final String PROFILE = "hostile-profile-1";

	private static final String EVENTS = "/v1/profiles/" + PROFILE + "/events";

	private static final String LOOKUP = "/v1/profiles/lookup?identifier=";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	static Stream<HostileRequest> hostileRequests() {
		return Stream.of(
				// Lookup values: NUL, overlong UTF-8, invalid bytes, encoded surrogates,
				// broken escapes
				get(LOOKUP + "email:jane%00@example.com", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:u-1%00", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "%00:u-1", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%C0%AF", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "email:%E0%80%80a@example.com", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%FF", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%FE%FF%00", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%ED%A0%80", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%ED%B0%80x", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%F4%90%80%80", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:abc%", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%zz", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%C3", 400, "invalid-parameter", "identifier"),
				get("/v1/profiles/lookup?identifier%00=user_id:u-1", 400, "invalid-parameter", "identifier%00"),
				get("/v1/profiles/lookup?%FF=1&identifier=user_id:u-1", 400, "invalid-parameter", "%FF"),
				get(LOOKUP + "phone:%00%00%00", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:", 400, "invalid-parameter", "identifier"),
				get(LOOKUP + "user_id:%F0%9F%98%80", 404, "profile-not-found"),
				// Event filters
				get(EVENTS + "?channel=web%00", 400, "invalid-parameter", "channel"),
				get(EVENTS + "?channel=%FF", 400, "invalid-parameter", "channel"),
				get(EVENTS + "?channel=%ED%A0%80", 400, "invalid-parameter", "channel"),
				get(EVENTS + "?type=track%00", 400, "invalid-parameter", "type"),
				get(EVENTS + "?type=%C0%AF", 400, "invalid-parameter", "type"),
				get(EVENTS + "?name=Signed%00Up", 400, "invalid-parameter", "name"),
				get(EVENTS + "?name=%ED%B0%80", 400, "invalid-parameter", "name"),
				get(EVENTS + "?name=%FF%FE", 400, "invalid-parameter", "name"),
				get(EVENTS + "?name=%C0%80", 400, "invalid-parameter", "name"),
				// Instants beyond what PostgreSQL or ISO-8601 without a sign can hold
				get(EVENTS + "?from=%2B300000-01-01T00:00:00Z", 400, "invalid-parameter", "from"),
				get(EVENTS + "?to=-1000000000-01-01T00:00:00Z", 400, "invalid-parameter", "to"),
				get(EVENTS + "?to=%2B999999999-12-31T23:59:59Z", 400, "invalid-parameter", "to"),
				get(EVENTS + "?from=-999999999-01-01T00:00:00Z", 400, "invalid-parameter", "from"),
				get(EVENTS + "?from=0000-12-31T23:59:59Z", 400, "invalid-parameter", "from"),
				get(EVENTS + "?from=10000-01-01T00:00:00Z", 400, "invalid-parameter", "from"),
				get(EVENTS + "?from=2025-01-01T00:00:00Z%00", 400, "invalid-parameter", "from"),
				get(EVENTS + "?to=2025-01-01T00:00:00%2B99:00", 400, "invalid-parameter", "to"),
				// Absurd page sizes
				get(EVENTS + "?limit=99999999999", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=-2147483648", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=2147483647", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=1e3", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=1.5", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=%00", 400, "invalid-parameter", "limit"),
				get(EVENTS + "?limit=%FF", 400, "invalid-parameter", "limit"),
				// Cursors: tampered, wrong shapes, out-of-range instants, bad text inside
				get(EVENTS + "?cursor=" + cursor("2025-03-01T10:00:00Z msg%sid".formatted("\0")), 400,
						"invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("+300000-01-01T00:00:00Z m"), 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("-1000000000-01-01T00:00:00Z m"), 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("+999999999-12-31T23:59:59Z m"), 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("{\"occurredAt\":\"2025-03-01T10:00:00Z\",\"messageId\":\"m\"}"), 400,
						"invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("{\"occurredAt\": 17, \"messageId\": []}"), 400, "invalid-parameter",
						"cursor"),
				get(EVENTS + "?cursor=" + cursor("[1, 2]"), 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("2025-03-01T10:00:00Z m").substring(0, 10), 400, "invalid-parameter",
						"cursor"),
				get(EVENTS + "?cursor=" + cursor("2025-03-01T10:00:00Z m").replace('M', '!'), 400, "invalid-parameter",
						"cursor"),
				get(EVENTS + "?cursor=" + cursorOfBytes(0x32, 0x30, 0x32, 0x35, 0x20, 0xFF, 0xFE), 400,
						"invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursorOfBytes(0x32, 0x30, 0x32, 0x35, 0x20, 0xED, 0xA0, 0x80), 400,
						"invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=" + cursor("2025-03-01T10:00:00Z " + "m".repeat(2000)), 400, "invalid-parameter",
						"cursor"),
				get(EVENTS + "?cursor=%00", 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=%C0%AF", 400, "invalid-parameter", "cursor"),
				get(EVENTS + "?cursor=", 400, "invalid-parameter", "cursor"),
				// Several at once: each is named
				get(EVENTS + "?cursor=%C0%AF&channel=%FF&name=%00", 400, "invalid-parameter", "cursor", "channel",
						"name"),
				get(EVENTS + "?limit=0&channel=fax&to=%2B300000-01-01T00:00:00Z", 400, "invalid-parameter", "limit",
						"channel", "to"),
				// Profile ids in the path: the container refuses a path that is not UTF-8
				// or
				// holds a NUL before the application sees it
				get("/v1/profiles/a%00b", 400, "invalid-request", "path"),
				get("/v1/profiles/%00/events", 400, "invalid-request", "path"),
				get("/v1/profiles/%00/identifiers", 400, "invalid-request", "path"),
				get("/v1/profiles/%FF", 400, "invalid-request", "path"),
				get("/v1/profiles/%C0%AF/identifiers", 400, "invalid-request", "path"),
				get("/v1/profiles/%ED%A0%80/events", 400, "invalid-request", "path"),
				get("/v1/profiles/%zz", 400, "invalid-request", "path"),
				get("/v1/profiles/%F0%9F%98%80", 404, "profile-not-found"),
				get("/v1/profiles/" + "p".repeat(4000), 404, "profile-not-found"),
				// Bodies and content types: no operation takes a body; another method is
				// refused for
				// its method first
				request("POST", "/v1/profiles/lookup", "multipart/form-data; boundary=x",
						"--x\r\nContent-Disposition: form-data; name=\"identifier\"\r\n\r\nemail:a@b.co\r\n--x--\r\n",
						405, "method-not-allowed"),
				request("POST", "/v1/profiles/lookup", "multipart/form-data", "--\r\n", 405, "method-not-allowed"),
				request("GET", LOOKUP + "email:a@example.com", "multipart/mixed; boundary=\"\"", "junk", 415,
						"unsupported-media-type", "Content-Type"),
				request("POST", EVENTS, "multipart/related", "x", 405, "method-not-allowed"),
				request("PUT", "/v1/profiles/" + PROFILE, "application/x-www-form-urlencoded; charset=bogus", "a=b",
						405, "method-not-allowed"),
				request("DELETE", "/v1/profiles/" + PROFILE, "application/x-www-form-urlencoded", "identifier=%FF", 405,
						"method-not-allowed"),
				request("PATCH", "/v1/profiles/" + PROFILE, "application/json", "{\"traits\":{}}", 405,
						"method-not-allowed"),
				request("POST", "/v1/profiles/" + PROFILE, "text/plain; charset=utf-16", "x", 405,
						"method-not-allowed"),
				request("GET", "/v1/profiles/" + PROFILE, null, "no content type", 415, "unsupported-media-type",
						"Content-Type"),
				new HostileRequest("GET", "/v1/profiles/" + PROFILE, List.of(Map.entry("Transfer-Encoding", "chunked")),
						"5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 415, "unsupported-media-type",
						List.of("Content-Type")),
				// Methods and representations the API does not have
				request("POST", "/v1/profiles/lookup", null, null, 405, "method-not-allowed"),
				request("DELETE", "/v1/profiles/" + PROFILE, null, null, 405, "method-not-allowed"),
				request("PATCH", EVENTS, null, null, 405, "method-not-allowed"),
				request("FOO", "/v1/profiles/" + PROFILE, null, null, 405, "method-not-allowed"),
				request("PROPFIND", "/v1/profiles/" + PROFILE + "/identifiers", null, null, 405, "method-not-allowed"),
				request("TRACE", "/v1/profiles/" + PROFILE, null, null, 405, "method-not-allowed"),
				new HostileRequest("GET", "/v1/profiles/" + PROFILE, List.of(Map.entry("Accept", "application/xml")),
						null, 406, "not-acceptable", List.of()),
				// The service's other endpoints
				get("/v1/profiles/" + PROFILE + "/identifiers?x=%FF", 400, "invalid-parameter", "x"),
				get("/v1/profiles/" + PROFILE + "?debug=%00", 400, "invalid-parameter", "debug"),
				get("/v3/api-docs?group=%C0%AF", 400, "invalid-parameter", "group"),
				get("/actuator/health?probe=%FF", 400, "invalid-parameter", "probe"),
				get("/v1/profiles/" + PROFILE + "/unknown", 404, "not-found"),
				get("/v1/nothing-here", 404, "not-found"));
	}

	@BeforeEach
	void storeAProfile() {
		this.jdbc
			.sql("""
					INSERT INTO profile.profiles (profile_id, created_at, updated_at, version, merged_into, traits, computed,
						merged_profile_ids)
					VALUES (:profileId, :at, :at, 1, NULL, '{}'::jsonb, '{}'::jsonb, '{}'::text[])
					ON CONFLICT DO NOTHING
					""")
			.param("profileId", PROFILE)
			.param("at", OffsetDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC))
			.update();
	}

	@ParameterizedTest
	@MethodSource("hostileRequests")
	void shouldAnswerWithAProblemNamingWhatIsWrongNeverAServerError(HostileRequest hostile) {
		List<Map.Entry<String, String>> headers = new ArrayList<>(hostile.headers());
		headers.add(Map.entry(CallerHeader.NAME,
				GATEWAY.write("support-console", Set.of("profiles:read", "events:read"), Instant.now())));

		RawHttp.Response response = RawHttp.to(this.port, Duration.ofSeconds(10))
			.send(hostile.method(), hostile.target(), headers, hostile.body());

		assertThat(response.status()).as(response.body()).isEqualTo(hostile.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = ContractJson.mapper().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://cdp.example.com/problems/" + hostile.type());
		assertThat(problem.get("status").asInt()).isEqualTo(hostile.status());
		if (!hostile.parameters().isEmpty()) {
			assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrderElementsOf(hostile.parameters());
		}
	}

	@Test
	void shouldServeAGetWhoseChunkedBodyIsEmptyAsAProxyMaySendIt() {
		RawHttp.Response response = RawHttp.to(this.port, Duration.ofSeconds(10))
			.send("GET", "/v1/profiles/" + PROFILE,
					List.of(Map.entry("Transfer-Encoding", "chunked"),
							Map.entry(CallerHeader.NAME,
									GATEWAY.write("support-console", Set.of("profiles:read"), Instant.now()))),
					"0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private static HostileRequest get(String target, int status, String type, String... parameters) {
		return new HostileRequest("GET", target, List.of(), null, status, type, List.of(parameters));
	}

	private static HostileRequest request(String method, String target, @Nullable String contentType,
			@Nullable String body, int status, String type, String... parameters) {
		return new HostileRequest(method, target,
				(contentType != null) ? List.of(Map.entry("Content-Type", contentType)) : List.of(),
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, status, type, List.of(parameters));
	}

	private static String cursor(String plain) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	private static String cursorOfBytes(int... bytes) {
		byte[] raw = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			raw[i] = (byte) bytes[i];
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
	}

	/**
	 * One request and what it must get.
	 *
	 * @param method the method
	 * @param target path and query, sent as written
	 * @param headers headers besides the caller header
	 * @param body the body, or null
	 * @param status the expected 4xx status
	 * @param type the expected problem type, after the common base
	 * @param parameters the parameters the problem must name under {@code errors}, if any
	 */
	record HostileRequest(String method, String target, List<Map.Entry<String, String>> headers, byte @Nullable [] body,
			int status, String type, List<String> parameters) {

		@Override
		public String toString() {
			return this.method + " " + ((this.target.length() > 90) ? this.target.substring(0, 90) + "…" : this.target)
					+ (this.headers.isEmpty() ? "" : " " + this.headers) + " → " + this.status;
		}

	}

}
