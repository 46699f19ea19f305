package io.cdp.gateway.audit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cdp.gateway.AdminApiKeys;
import io.cdp.gateway.StubbedUpstreamsGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.gateway.api-keys.bootstrap-admin-key=" + AuditIT.BOOTSTRAP_KEY,
				"cdp.gateway.audit.flush-interval=50ms", "cdp.gateway.audit.retry-for=10m" })
class AuditIT extends StubbedUpstreamsGateway {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-audit-tests-0123456789";

	private static final String AUDIT_HEADER = "X-CDP-Audit-Profile";

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	/** A fresh prefix per test, for ids, key names and request ids. */
	private String run = "";

	@BeforeEach
	void newRun() {
		this.run = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	@Test
	void shouldRecordEachReadOfAProfileWithTheKeyNameEndpointAndRequestId() {
		String keyName = this.run + "support-desk";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read", "events:read");
		String lookup = "/v1/profiles/lookup?identifier=email:" + this.run + "ada@example.com";
		profile.answerWithHeader(lookup, AUDIT_HEADER, this.run + "p-ada");
		profile.answerWithHeader("/v1/profiles/" + this.run + "p-merged/events", AUDIT_HEADER, this.run + "p-survivor");

		read(key, "/v1/profiles/" + this.run + "p-by-id", "by-id");
		read(key, lookup, "lookup");
		read(key, "/v1/profiles/" + this.run + "p-merged/events", "events");
		read(key, "/v1/profiles/" + this.run + "p-by-id/identifiers", "identifiers");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(rowsOfKey(keyName)).containsExactlyInAnyOrder(
					new Row("read", this.run + "p-by-id", null, "GET", "/v1/profiles/{profileId}",
							"/v1/profiles/" + this.run + "p-by-id", 200, this.run + "by-id"),
					new Row("read", this.run + "p-ada", null, "GET", "/v1/profiles/lookup", "/v1/profiles/lookup", 200,
							this.run + "lookup"),
					new Row("read", this.run + "p-survivor", null, "GET", "/v1/profiles/{profileId}/events",
							"/v1/profiles/" + this.run + "p-merged/events", 200, this.run + "events"),
					new Row("read", this.run + "p-by-id", null, "GET", "/v1/profiles/{profileId}/identifiers",
							"/v1/profiles/" + this.run + "p-by-id/identifiers", 200, this.run + "identifiers")));
	}

	@Test
	void shouldRecordEveryProfileAnAnswerNamesOnAnyPath() {
		String keyName = this.run + "exporter";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read");
		profile.answerWithHeader("/v1/audiences/" + this.run + "vip/export", AUDIT_HEADER,
				this.run + "p-1, " + this.run + "p-2");

		read(key, "/v1/audiences/" + this.run + "vip/export", "export");
		read(key, "/v1/audiences/" + this.run + "vip", "not-about-a-profile");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(rowsOfKey(keyName)).extracting(Row::profileId, Row::requestId)
				.containsExactlyInAnyOrder(tuple(this.run + "p-1", this.run + "export"),
						tuple(this.run + "p-2", this.run + "export")));
	}

	@Test
	void shouldIgnoreTheAuditHeaderAClientSendsAndNeverPassTheServicesOnToIt() {
		String keyName = this.run + "mallory";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read");
		profile.answerWithHeader("/v1/profiles/" + this.run + "p-real", AUDIT_HEADER, this.run + "p-real");

		for (String path : List.of("/v1/profiles/" + this.run + "p-real", "/v1/profiles/" + this.run + "p-other",
				"/v1/audiences/" + this.run + "anything")) {
			this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
				.header("X-Request-Id", this.run + "spoof")
				.header(AUDIT_HEADER, "p-victim")
				.header("x-cdp-audit-anything", "p-victim")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist(AUDIT_HEADER);
			assertThat(profile.last().header(AUDIT_HEADER)).isNull();
			assertThat(profile.last().header("X-CDP-Audit-Anything")).isNull();
		}

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(rowsOfKey(keyName)).extracting(Row::profileId)
				.containsExactlyInAnyOrder(this.run + "p-real", this.run + "p-other"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM gateway.audit_log WHERE profile_id = 'p-victim'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void shouldRecordAdminChangesWithTheIdTheyChange() {
		String operatorName = this.run + "operator";
		String operator = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, operatorName, "admin");
		AdminApiKeys.create(this.client, operator, this.run + "short-lived", "profiles:read");
		String shortLivedId = keyId(this.run + "short-lived");

		this.client.delete()
			.uri("/v1/admin/api-keys/" + shortLivedId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.header("X-Request-Id", this.run + "revoke")
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.post()
			.uri("/v1/admin/profiles/" + this.run + "p-family/split")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.header("X-Request-Id", this.run + "split")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"detach\": [\"device_id:tablet\"]}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(rowsOfKey(operatorName))
				.filteredOn((row) -> !"POST".equals(row.method()) || row.path().contains("split"))
				.containsExactlyInAnyOrder(
						new Row("change", null, shortLivedId, "DELETE", "/v1/admin/api-keys/{id}",
								"/v1/admin/api-keys/" + shortLivedId, 204, this.run + "revoke"),
						new Row("change", this.run + "p-family", this.run + "p-family", "POST",
								"/v1/admin/profiles/{profileId}/split",
								"/v1/admin/profiles/" + this.run + "p-family/split", 200, this.run + "split")));
		assertThat(rowsOfKey(operatorName)).filteredOn((row) -> "/v1/admin/api-keys".equals(row.endpoint()))
			.singleElement()
			.extracting(Row::action, Row::method, Row::targetId)
			.containsExactly("change", "POST", null);
	}

	@Test
	void shouldAnswerAReadWhileTheAuditTableCannotBeWrittenAndWriteItOnceItCan() {
		String keyName = this.run + "during-outage";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read");
		double failuresBefore = this.meters.get("cdp.gateway.audit.write.failures").counter().count();

		this.jdbc.sql("ALTER TABLE gateway.audit_log RENAME TO audit_log_away").update();
		try {
			read(key, "/v1/profiles/" + this.run + "p-read-anyway", "outage");

			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.meters.get("cdp.gateway.audit.write.failures").counter().count())
					.isGreaterThan(failuresBefore));
			read(key, "/v1/profiles/" + this.run + "p-read-anyway", "outage-again");
		}
		finally {
			this.jdbc.sql("ALTER TABLE gateway.audit_log_away RENAME TO audit_log").update();
		}

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(rowsOfKey(keyName)).extracting(Row::requestId)
				.containsExactlyInAnyOrder(this.run + "outage", this.run + "outage-again"));
	}

	@Test
	void shouldPageThroughWhoReadAProfileNewestFirst() {
		String keyName = this.run + "pager";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read");
		String profileId = this.run + "p-paged";
		Instant before = Instant.now();
		List<String> requestIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			read(key, "/v1/profiles/" + profileId, "page-" + i);
			requestIds.add(this.run + "page-" + i);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(rowsOfKey(keyName)).hasSize(5));

		List<String> seen = new ArrayList<>();
		String cursor = null;
		List<Integer> pageSizes = new ArrayList<>();
		do {
			Map<String, Object> page = audit("/v1/admin/audit?profileId=" + profileId + "&limit=2"
					+ ((cursor != null) ? "&cursor=" + cursor : ""));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
			pageSizes.add(items.size());
			items.forEach((item) -> {
				assertThat(item).containsEntry("keyName", keyName)
					.containsEntry("profileId", profileId)
					.containsEntry("action", "read")
					.containsEntry("endpoint", "/v1/profiles/{profileId}")
					.containsEntry("status", 200)
					.containsKey("at");
				seen.add((String) item.get("requestId"));
			});
			cursor = (String) page.get("nextCursor");
		}
		while (cursor != null);

		assertThat(pageSizes).containsExactly(2, 2, 1);
		assertThat(seen).containsExactlyElementsOf(requestIds.reversed());
		assertThat(items(audit("/v1/admin/audit?key=" + keyName + "&limit=1000"))).hasSize(5);
		assertThat(items(audit("/v1/admin/audit?key=" + keyName + "&profileId=" + profileId + "&to=" + before)))
			.isEmpty();
		assertThat(items(audit("/v1/admin/audit?key=" + keyName + "&from=" + before))).hasSize(5);
	}

	@Test
	void shouldNameEachInvalidParameterOfTheAuditApi() {
		Map<String, String> cases = Map.of("/v1/admin/audit", "profileId", "/v1/admin/audit?from=2026-12-01T00:00:00Z",
				"key", "/v1/admin/audit?key=a%20b", "key", "/v1/admin/audit?profileId=p%00", "profileId",
				"/v1/admin/audit?key=ops&limit=0", "limit", "/v1/admin/audit?key=ops&limit=many", "limit",
				"/v1/admin/audit?key=ops&from=yesterday", "from",
				"/v1/admin/audit?key=ops&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to",
				"/v1/admin/audit?key=ops&cursor=not-a-cursor", "cursor");
		cases.forEach((uri, parameter) -> this.client.get()
			.uri(URI.create("http://localhost:" + this.port + uri))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://cdp.example.com/problems/invalid-parameter")
			.jsonPath("$.errors." + parameter)
			.exists());
	}

	@Test
	void shouldShowTheAuditToAdminKeysOnly() {
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, this.run + "curious", "profiles:read",
				"events:read");

		this.client.get()
			.uri("/v1/admin/audit?key=" + this.run + "curious")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void shouldRefuseToChangeOrRemoveAuditRows() {
		String keyName = this.run + "kept";
		String key = AdminApiKeys.create(this.client, BOOTSTRAP_KEY, keyName, "profiles:read");
		read(key, "/v1/profiles/" + this.run + "p-kept", "kept");
		await().atMost(WAIT).untilAsserted(() -> assertThat(rowsOfKey(keyName)).hasSize(1));

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("UPDATE gateway.audit_log SET key_name = 'someone-else' WHERE key_name = ?")
				.param(keyName)
				.update());
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("DELETE FROM gateway.audit_log WHERE key_name = ?").param(keyName).update());
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("TRUNCATE gateway.audit_log").update());
		assertThat(rowsOfKey(keyName)).hasSize(1);
	}

	@Test
	void shouldKeepThisAndTheNextMonthsPartitionsReady() {
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM pg_inherits
				WHERE inhparent = 'gateway.audit_log'::regclass
				  AND inhrelid::regclass::text LIKE 'gateway.audit_log_2%'
				""").query(Long.class).single()).isGreaterThanOrEqualTo(3);
	}

	private void read(String key, String uri, String requestId) {
		this.client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.header("X-Request-Id", this.run + requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(AUDIT_HEADER);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> audit(String uri) {
		return this.client.get()
			.uri(uri)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

	private List<Row> rowsOfKey(String keyName) {
		return this.jdbc.sql("""
				SELECT action, profile_id, target_id, method, endpoint, path, status, request_id
				FROM gateway.audit_log WHERE key_name = ? ORDER BY id
				""")
			.param(keyName)
			.query((row, number) -> new Row(row.getString("action"), row.getString("profile_id"),
					row.getString("target_id"), row.getString("method"), row.getString("endpoint"),
					row.getString("path"), row.getObject("status", Integer.class), row.getString("request_id")))
			.list();
	}

	@SuppressWarnings("unchecked")
	private String keyId(String name) {
		List<Map<String, Object>> keys = this.client.get()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(List.class)
			.returnResult()
			.getResponseBody();
		return (String) keys.stream().filter((key) -> name.equals(key.get("name"))).findFirst().orElseThrow().get("id");
	}

	private record Row(String action, String profileId, String targetId, String method, String endpoint, String path,
			Integer status, String requestId) {

	}

}
