package io.cdp.ingest.source;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the admin API: the gateway's signed caller with the {@code admin} scope, or
 * an operator with the admin token; nobody else, and nothing else is checked. Also that a
 * log line written while handling a request carries its request id.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN,
				"cdp.caller.internal-secret=" + SourceAdminIT.INTERNAL_SECRET })
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class SourceAdminIT {

	static final String INTERNAL_SECRET = "ingest-admin-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final String PROBLEMS = "https://cdp.example.com/problems/";

	@LocalServerPort
	private int port;

	private IngestClient client;

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	@BeforeEach
	void connect() {
		this.client = new IngestClient(this.port);
	}

	@Test
	void shouldLetTheGatewaysAdminCallerCreateListShowAndDisableSources() {
		String admin = GATEWAY.write("bootstrap-admin", Set.of("admin"), Instant.now());

		Response created = send(post("/v1/admin/sources", newSource("Gateway shop")).header(CallerHeader.NAME, admin));
		String sourceId = created.json().get("id").asString();
		Response listed = send(get("/v1/admin/sources").header(CallerHeader.NAME, admin));
		Response shown = send(get("/v1/admin/sources/" + sourceId).header(CallerHeader.NAME, admin));
		Response disabled = send(
				post("/v1/admin/sources/" + sourceId + "/disable", "").header(CallerHeader.NAME, admin));

		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(created.json().get("writeKey").asString()).isNotBlank();
		assertThat(listed.status()).isEqualTo(200);
		assertThat(ids(listed)).contains(sourceId);
		assertThat(shown.json().get("name").asString()).isEqualTo("Gateway shop");
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
	}

	@Test
	void shouldRefuseAForgedOrStaleCallerHeader() {
		String forged = new CallerHeader("guessed-secret").write("mallory", Set.of("admin"), Instant.now());
		String stale = GATEWAY.write("bootstrap-admin", Set.of("admin"), Instant.now().minus(Duration.ofHours(1)));

		for (String header : List.of(forged, stale)) {
			assertUnauthenticated(
					send(post("/v1/admin/sources", newSource("Forged")).header(CallerHeader.NAME, header)));
			assertUnauthenticated(send(get("/v1/admin/sources").header(CallerHeader.NAME, header)));
		}
	}

	@Test
	void shouldRefuseACallerWithoutTheAdminScope() {
		String support = GATEWAY.write("support-console", Set.of("profiles:read", "events:read"), Instant.now());

		Response create = send(post("/v1/admin/sources", newSource("Not mine")).header(CallerHeader.NAME, support));
		Response list = send(get("/v1/admin/sources").header(CallerHeader.NAME, support));

		for (Response refused : List.of(create, list)) {
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "missing-scope");
			assertThat(refused.json().get("detail").asString()).contains("support-console").contains("admin");
		}
	}

	@Test
	void shouldStillAcceptTheOperatorsAdminTokenAndNoOtherToken() {
		String token = "Bearer " + IngestClient.ADMIN_TOKEN;

		Response created = send(post("/v1/admin/sources", newSource("Operator shop")).header("Authorization", token));
		Response listed = send(get("/v1/admin/sources").header("Authorization", token));
		Response wrongToken = send(get("/v1/admin/sources").header("Authorization", "Bearer not-the-token"));

		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(ids(listed)).contains(created.json().get("id").asString());
		assertUnauthenticated(wrongToken);
	}

	@Test
	void shouldRefuseARequestWithNeitherCallerHeaderNorToken() {
		assertUnauthenticated(send(post("/v1/admin/sources", newSource("Anonymous"))));
		assertUnauthenticated(send(get("/v1/admin/sources/src_unknown")));
	}

	@Test
	void shouldLeaveTheTrackingApiToItsWriteKeys() {
		IngestClient.Source source = this.client.createSegmentSource("web");

		Response tracked = this.client.post("/v1/track", source.writeKey(),
				"{\"userId\": \"u-" + UUID.randomUUID() + "\", \"event\": \"Admin Checked\"}");

		assertThat(tracked.status()).as(tracked.text()).isEqualTo(200);
	}

	@Test
	void shouldCountEachSourcesEventsPerMinuteAcceptedAndRejected() {
		IngestClient.Source source = this.client.createSegmentSource("web");
		String admin = GATEWAY.write("bootstrap-admin", Set.of("admin"), Instant.now());
		Response batch = this.client.post("/v1/batch", source.writeKey(), """
				{"batch": [{"type": "track", "userId": "u-1", "event": "Traffic Counted"},
				           {"type": "track", "userId": "u-1", "event": "Traffic Counted"},
				           {"type": "track", "userId": "u-1"}]}""");
		assertThat(batch.status()).as(batch.text()).isEqualTo(200);
		this.client.post("/v1/track", source.writeKey(), "{\"userId\": \"u-2\", \"event\": \"Traffic Counted\"}");

		Response traffic = send(get("/v1/admin/sources/traffic?minutes=5").header(CallerHeader.NAME, admin));

		assertThat(traffic.status()).as(traffic.text()).isEqualTo(200);
		JsonNode mine = null;
		for (JsonNode entry : traffic.json().get("sources")) {
			if (entry.get("sourceId").asString().equals(source.id())) {
				mine = entry;
			}
		}
		assertThat(mine).as(traffic.text()).isNotNull();
		assertThat(mine.get("accepted").asLong()).isEqualTo(3);
		assertThat(mine.get("rejected").asLong()).isEqualTo(1);
		assertThat(mine.get("eventsPerMinute").asDouble()).isEqualTo(0.6);
		assertThat(traffic.json().get("minutes").asInt()).isEqualTo(5);
		// Each instance adds its counts to the table every few seconds.
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.jdbc
				.queryForList("SELECT coalesce(sum(accepted), 0) AS accepted, coalesce(sum(rejected), 0) AS rejected"
						+ " FROM ingest.source_traffic WHERE source_id = ?", source.id()))
				.singleElement()
				.satisfies((row) -> {
					assertThat(((Number) row.get("accepted")).longValue()).isEqualTo(3);
					assertThat(((Number) row.get("rejected")).longValue()).isEqualTo(1);
				}));
		for (String bad : List.of("0", "1441", "ten")) {
			Response refused = send(get("/v1/admin/sources/traffic?minutes=" + bad).header(CallerHeader.NAME, admin));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.json().get("errors").has("minutes")).isTrue();
		}
	}

	@Test
	void shouldLogTheRequestIdAndTheCallerOfAnAdminChange(CapturedOutput output) {
		String requestId = "ingest-it-" + UUID.randomUUID();
		String admin = GATEWAY.write("bootstrap-admin", Set.of("admin"), Instant.now());

		Response created = send(post("/v1/admin/sources", newSource("Logged shop")).header(CallerHeader.NAME, admin)
			.header("X-Request-Id", requestId));
		Response unnamed = send(get("/v1/admin/sources").header(CallerHeader.NAME, admin));

		assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
		assertThat(UUID.fromString(unnamed.header("X-Request-Id"))).isNotNull();
		String sourceId = created.json().get("id").asString();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Source " + sourceId + " "))).singleElement()
			.asString()
			.contains("[" + requestId + "] ")
			.contains("created by bootstrap-admin");
	}

	private static void assertUnauthenticated(Response refused) {
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"cdp-admin\"");
		assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "unauthenticated-caller");
	}

	private static String newSource(String name) {
		return "{\"name\": \"" + name + "\", \"kind\": \"segment\", \"channel\": \"web\"}";
	}

	private static List<String> ids(Response listed) {
		List<String> ids = new ArrayList<>();
		listed.json().forEach((source) -> ids.add(source.get("id").asString()));
		return ids;
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(this.client.uri(path)).GET();
	}

	private HttpRequest.Builder post(String path, String json) {
		return HttpRequest.newBuilder(this.client.uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private Response send(HttpRequest.Builder request) {
		return this.client.send(request);
	}

}
