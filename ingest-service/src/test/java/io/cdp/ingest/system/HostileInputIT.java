package io.cdp.ingest.system;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.ingest.support.RawHttp;
import io.cdp.testinfra.RealInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bytes a client can send that are wrong in some way, fired at every kind of ingest
 * endpoint over real HTTP: each is answered with the expected 4xx problem naming the
 * field where there is one (or with 200 where the door repairs or rejects per message),
 * never a 5xx, never a hang.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

	private static final String JSON = "application/json";

	private static final String PROBLEM = "application/problem+json";

	/** For requests where the container or Spring may refuse first: any 4xx problem. */
	private static final int ANY_4XX = -4;

	@LocalServerPort
	private int port;

	private IngestClient client;

	private String trackingKey;

	private String sendGridKey;

	private IngestClient.Source mapped;

	@BeforeAll
	void createSources() {
		this.client = new IngestClient(this.port);
		this.trackingKey = this.client.createSegmentSource("web").writeKey();
		this.sendGridKey = this.client
			.createSource(Map.of("name", "SendGrid", "kind", "webhook", "provider", "sendgrid"))
			.get("writeKey")
			.asString();
		JsonNode created = this.client.createSource(Map.of("name", "Till", "kind", "mapped", "mapping",
				Map.of("event", "/action", "identifiers", Map.of("email", "/email"))));
		this.mapped = new IngestClient.Source(created.get("id").asString(), created.get("writeKey").asString());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void shouldAnswerHostileInputWithoutAServerError(String name, Function<HostileInputIT, Response> request,
			int status, @Nullable String field) {
		Response response = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> request.apply(this));

		if (status == ANY_4XX) {
			assertThat(response.status()).as(response.text()).isBetween(400, 499);
		}
		else {
			assertThat(response.status()).as(response.text()).isEqualTo(status);
		}
		if (status >= 400 || status == ANY_4XX) {
			assertThat(response.header("Content-Type")).as(response.text()).startsWith(PROBLEM);
		}
		if (field != null) {
			JsonNode body = response.json();
			JsonNode named = (status >= 400) ? body.get("field") : body.get("rejected").get(0).get("field");
			assertThat(named).as(response.text()).isNotNull();
			assertThat(named.asString()).as(response.text()).startsWith(field);
		}
	}

	Stream<Object[]> cases() {
		return Stream.of(
				// The tracking API: bodies
				of("empty body", (t) -> t.track(JSON, ""), 400, null),
				of("JSON null", (t) -> t.track(JSON, "null"), 400, null),
				of("JSON array", (t) -> t.track(JSON, "[]"), 400, null),
				of("truncated JSON", (t) -> t.track(JSON, "{\"userId\": \"u"), 400, null),
				of("trailing garbage", (t) -> t.track(JSON, "{\"userId\": \"u\", \"event\": \"E\"} {}"), 400, null),
				of("invalid UTF-8 byte", (t) -> t.track(JSON, bytes("{\"userId\": \"", 0xFF, "\", \"event\": \"E\"}")),
						400, null),
				of("overlong UTF-8",
						(t) -> t.track(JSON, bytes("{\"userId\": \"", 0xC0, 0xAF, "\", \"event\": \"E\"}")), 400, null),
				of("raw NUL byte in a string", (t) -> t.track(JSON, bytes("{\"userId\": \"a", 0x00, "\"}")), 400, null),
				of("encoded surrogate", (t) -> t.track(JSON, bytes("{\"userId\": \"", 0xED, 0xA0, 0x80, "\"}")), 400,
						null),
				of("UTF-8 byte order mark", (t) -> t.track(JSON, bytes("", 0xEF, 0xBB, 0xBF, good())), 200, null),
				of("nesting beyond the parser's limit",
						(t) -> t.track(JSON,
								"{\"userId\":\"u\",\"event\":\"E\",\"properties\":" + "{\"a\":".repeat(2000) + "1"
										+ "}".repeat(2001)),
						400, null),
				of("number of 5,000 digits",
						(t) -> t.track(JSON,
								"{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"n\":" + "9".repeat(5000) + "}}"),
						400, null),
				of("duplicate keys, the last one wins as in JavaScript",
						(t) -> t.track(JSON, "{\"userId\":\"a\",\"userId\":\"b\",\"event\":\"E\"}"), 200, null),
				of("no body at all", (t) -> t.send("/v1/track", null, null, HttpRequest.BodyPublishers.noBody()), 400,
						null),
				of("an error for a client that accepts only XML",
						(t) -> t.client.send(HttpRequest.newBuilder(t.client.uri("/v1/track"))
							.header("Authorization", IngestClient.basic(t.trackingKey))
							.header("Content-Type", JSON)
							.header("Accept", "application/xml")
							.POST(HttpRequest.BodyPublishers.ofString("{"))),
						400, null),
				of("an error for a client that accepts only HTML",
						(t) -> t.client.send(HttpRequest.newBuilder(t.client.uri("/v1/admin/sources/src_unknown"))
							.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
							.header("Accept", "text/html")
							.GET()),
						404, null),
				// The tracking API: content types and encodings
				of("multipart", (t) -> t.track("multipart/form-data; boundary=x", "--x\r\n\r\n--x--"), 415, null),
				of("form", (t) -> t.track("application/x-www-form-urlencoded", "userId=u&event=E"), 415, null),
				of("XML", (t) -> t.track("application/xml", "<track/>"), 415, null),
				of("Latin-1 charset", (t) -> t.track("text/plain; charset=iso-8859-1", good()), 415, null),
				of("UTF-16 charset", (t) -> t.track("application/json; charset=utf-16", good()), 415, null),
				of("unparseable content type", (t) -> t.track("json;;;=", good()), 415, null),
				of("text/plain with UTF-8 as analytics.js sends", (t) -> t.track("text/plain;charset=UTF-8", good()),
						200, null),
				of("quoted UTF-8 charset", (t) -> t.track("application/json; charset=\"UTF-8\"", good()), 200, null),
				of("empty gzip", (t) -> t.trackGzip(new byte[0]), 400, null),
				of("truncated gzip",
						(t) -> t
							.trackGzip(Arrays.copyOf(IngestClient.gzip(good()), IngestClient.gzip(good()).length / 2)),
						400, null),
				of("gzip header only", (t) -> t.trackGzip(Arrays.copyOf(IngestClient.gzip(good()), 10)), 400, null),
				of("not gzip at all", (t) -> t.trackGzip(good().getBytes(StandardCharsets.UTF_8)), 400, null),
				of("brotli", (t) -> t.send("/v1/track", JSON, "br", HttpRequest.BodyPublishers.ofString(good())), 415,
						null),
				// The tracking API: content the door refuses or repairs
				of("lone surrogate in userId", (t) -> t.track(JSON, "{\"userId\":\"\\ud800\",\"event\":\"E\"}"), 400,
						"identifiers[0].value"),
				of("NUL in anonymousId", (t) -> t.track(JSON, "{\"anonymousId\":\"a\\u0000\",\"event\":\"E\"}"), 400,
						"identifiers[0].value"),
				of("lone surrogate in the event name", (t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"\\udc00\"}"),
						400, "name"),
				of("NUL in messageId",
						(t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"\\u0000\"}"), 400,
						"messageId"),
				of("lone surrogate in a property name",
						(t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\\ud83d\":1}}"), 400,
						null),
				of("NUL in a trait name",
						(t) -> t.post("/v1/identify", JSON,
								"{\"userId\":\"u\",\"traits\":{\"address\":{\"ci\\u0000ty\":\"Lyon\"}}}"),
						400, "traits.address"),
				of("NUL in a property value is repaired",
						(t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":\"x\\u0000\"}}"),
						200, null),
				of("nesting of 65 levels",
						(t) -> t.track(JSON,
								"{\"userId\":\"u\",\"event\":\"E\",\"properties\":" + "{\"a\":".repeat(65) + "1"
										+ "}".repeat(66)),
						400, "properties.a.a"),
				of("userId of 10,000 characters",
						(t) -> t.track(JSON, "{\"userId\":\"" + "u".repeat(10_000) + "\",\"event\":\"E\"}"), 400,
						"identifiers[0].value"),
				of("far-past timestamp with far-future sentAt",
						(t) -> t.track(JSON,
								"{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"-999999999-01-01T00:00:00Z\","
										+ "\"sentAt\":\"+999999999-12-31T23:59:59Z\"}"),
						200, null),
				of("timestamp in the year 999999999",
						(t) -> t.track(JSON,
								"{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}"),
						200, null),
				of("huge number as userId", (t) -> t.track(JSON, "{\"userId\":1e999999999,\"event\":\"E\"}"), 200,
						null),
				// The tracking API: wrong JSON types
				of("userId as an object", (t) -> t.track(JSON, "{\"userId\":{},\"event\":\"E\"}"), 400, "userId"),
				of("event as a number", (t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":5}"), 400, "event"),
				of("properties as an array",
						(t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"E\",\"properties\":[]}"), 400,
						"properties"),
				of("timestamp as a number", (t) -> t.track(JSON, "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":5}"),
						400, "timestamp"),
				// Batches
				of("batch as an object", (t) -> t.post("/v1/batch", JSON, "{\"batch\":{}}"), 400, "batch"),
				of("batch with a lone surrogate in the second message",
						(t) -> t.post("/v1/batch", JSON,
								"{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"},"
										+ "{\"type\":\"track\",\"userId\":\"\\ud800\",\"event\":\"E\"}]}"),
						200, "identifiers[0].value"),
				of("batch sentAt in the far future", (t) -> t.post("/v1/batch", JSON,
						"{\"sentAt\":\"+999999999-12-31T23:59:59Z\",\"batch\":[{\"type\":\"track\",\"userId\":\"u\","
								+ "\"event\":\"E\",\"timestamp\":\"-999999999-01-01T00:00:00Z\"}]}"),
						200, null),
				of("multipart batch", (t) -> t.post("/v1/batch", "multipart/mixed; boundary=x", "--x--"), 415, null),
				// Webhooks
				of("webhook time 1e-999999999", (t) -> t.sendGrid(JSON, sendGridEvent("\"1e-999999999\"")), 200,
						"timestamp"),
				of("webhook time 1e-60000000", (t) -> t.sendGrid(JSON, sendGridEvent("\"1e-60000000\"")), 200,
						"timestamp"),
				of("webhook time 1e999999999", (t) -> t.sendGrid(JSON, sendGridEvent("1e999999999")), 200, "timestamp"),
				of("webhook email with a lone surrogate", (t) -> t.sendGrid(JSON,
						"[{\"email\":\"\\ud800@example.com\",\"timestamp\":1513299569,\"event\":\"delivered\"}]"), 200,
						"identifiers[0].value"),
				of("webhook multipart", (t) -> t.sendGrid("multipart/form-data; boundary=x", "--x--"), 415, null),
				of("webhook truncated gzip",
						(t) -> t.send("/v1/webhooks/sendgrid?writeKey=" + t.sendGridKey, JSON, "gzip",
								HttpRequest.BodyPublishers.ofByteArray(new byte[] { 0x1f, (byte) 0x8b, 8 })),
						400, null),
				of("webhook provider with a NUL", (t) -> t.post("/v1/webhooks/send%00grid", JSON, "[]"), 400, null),
				of("webhook write key with invalid escapes",
						(t) -> RawHttp.send(t.port,
								bytes("POST /v1/webhooks/sendgrid?writeKey=%FF%00% HTTP/1.1\r\nContent-Type: " + JSON),
								bytes("[]")),
						400, null),
				of("mapped write key with invalid escapes",
						(t) -> RawHttp.send(t.port,
								bytes("POST /v1/sources/" + t.mapped.id()
										+ "/events?writeKey=%E0%80 HTTP/1.1\r\nContent-Type: " + JSON),
								bytes("{}")),
						400, null),
				of("admin path with a truncated escape",
						(t) -> RawHttp.send(t.port, bytes("GET /v1/admin/sources/src_%4 HTTP/1.1"), new byte[0]),
						ANY_4XX, null),
				of("TRACE, which the servlet container answers itself",
						(t) -> RawHttp.send(t.port, bytes("TRACE /v1/track HTTP/1.1"), new byte[0]), 405, null),
				// Mapped sources
				of("mapped identifier with a lone surrogate",
						(t) -> t.mapped(JSON,
								"[{\"action\":\"Bought\",\"email\":\"a@example.com\"},"
										+ "{\"action\":\"Bought\",\"email\":\"\\udfff\"}]"),
						200, "identifiers[0].value"),
				of("mapped event name with a NUL",
						(t) -> t.mapped(JSON, "{\"action\":\"Bou\\u0000ght\",\"email\":\"a@example.com\"}"), 200,
						"name"),
				of("mapped multipart", (t) -> t.mapped("multipart/form-data; boundary=x", "--x--"), 415, null),
				of("mapped source id with a NUL",
						(t) -> t.send("/v1/sources/src_%00/events?writeKey=" + t.mapped.writeKey(), JSON, null,
								HttpRequest.BodyPublishers.ofString("{}")),
						400, null),
				// The admin API
				of("source name with a NUL", (t) -> t.admin(JSON, "{\"name\":\"a\\u0000b\",\"kind\":\"segment\"}"), 400,
						"name"),
				of("source name with a lone surrogate",
						(t) -> t.admin(JSON, "{\"name\":\"\\ud800\",\"kind\":\"segment\",\"channel\":\"web\"}"), 400,
						"name"),
				of("mapping with a NUL",
						(t) -> t.admin(JSON,
								"{\"name\":\"m\",\"kind\":\"mapped\",\"mapping\":{\"event\":\"/a\\u0000\"}}"),
						400, "mapping"),
				of("source name of a wrong type", (t) -> t.admin(JSON, "{\"name\":{},\"kind\":\"segment\"}"), 400,
						"name"),
				of("malformed admin JSON", (t) -> t.admin(JSON, "{\"name\":"), 400, null),
				of("admin JSON array", (t) -> t.admin(JSON, "[]"), 400, null),
				of("admin multipart", (t) -> t.admin("multipart/form-data; boundary=x", "--x--"), 415, null),
				of("admin text/plain", (t) -> t.admin("text/plain", "{}"), 415, null),
				of("admin source id with a NUL", (t) -> t.adminGet("/v1/admin/sources/src_%00"), 400, null),
				of("admin source id with an invalid escape", (t) -> t.adminGet("/v1/admin/sources/%C0%AE"), 400, null),
				of("admin source id of 5,000 characters", (t) -> t.adminGet("/v1/admin/sources/" + "s".repeat(5000)),
						404, null),
				of("admin raw bytes in the path",
						(t) -> RawHttp.send(t.port,
								bytes("GET /v1/admin/sources/src_", 0xFF, 0xFE,
										" HTTP/1.1\r\nAuthorization: Bearer " + IngestClient.ADMIN_TOKEN),
								new byte[0]),
						400, null),
				// analytics.js metrics
				of("client metrics", (t) -> t.post("/v1/m", "text/plain",
						"{\"series\":[{\"type\":\"Counter\",\"metric\":\"analytics_js.invoke\",\"value\":1,\"tags\":{}}]}"),
						200, null),
				of("client metrics malformed", (t) -> t.post("/v1/m", "text/plain", "{\"series\":"), 400, null),
				of("client metrics without series", (t) -> t.post("/v1/m", "text/plain", "{}"), 400, "series"),
				of("client metrics multipart", (t) -> t.post("/v1/m", "multipart/form-data; boundary=x", "--x--"), 415,
						null));
	}

	private static Object[] of(String name, Function<HostileInputIT, Response> request, int status,
			@Nullable String field) {
		return new Object[] { name, request, status, field };
	}

	private static String good() {
		return "{\"userId\":\"u-hostile\",\"event\":\"Checked\"}";
	}

	private static String sendGridEvent(String timestamp) {
		return "[{\"email\":\"a@example.com\",\"timestamp\":" + timestamp + ",\"event\":\"delivered\"}]";
	}

	/** Text and raw byte values, concatenated as UTF-8. */
	private static byte[] bytes(Object... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof Integer value) {
				out.write(value);
			}
			else {
				out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toByteArray();
	}

	private Response track(String contentType, String body) {
		return post("/v1/track", contentType, body);
	}

	private Response track(String contentType, byte[] body) {
		return send("/v1/track", contentType, null, HttpRequest.BodyPublishers.ofByteArray(body));
	}

	private Response trackGzip(byte[] body) {
		return send("/v1/track", JSON, "gzip", HttpRequest.BodyPublishers.ofByteArray(body));
	}

	private Response post(String path, String contentType, String body) {
		return send(path, contentType, null, HttpRequest.BodyPublishers.ofString(body));
	}

	private Response sendGrid(String contentType, String body) {
		return send("/v1/webhooks/sendgrid?writeKey=" + this.sendGridKey, contentType, null,
				HttpRequest.BodyPublishers.ofString(body));
	}

	private Response mapped(String contentType, String body) {
		return send("/v1/sources/" + this.mapped.id() + "/events?writeKey=" + this.mapped.writeKey(), contentType, null,
				HttpRequest.BodyPublishers.ofString(body));
	}

	private Response admin(String contentType, String body) {
		return this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private Response adminGet(String path) {
		return this.client.send(HttpRequest.newBuilder(this.client.uri(path))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.GET());
	}

	private Response send(String path, @Nullable String contentType, @Nullable String encoding,
			HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri(path)).POST(body);
		if (!path.contains("writeKey=")) {
			request.header("Authorization", IngestClient.basic(this.trackingKey));
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (encoding != null) {
			request.header("Content-Encoding", encoding);
		}
		return this.client.send(request);
	}

}
