package io.cdp.profile.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.CxFacts;
import io.cdp.profile.cx.CxRecorder;
import io.cdp.profile.cx.CxRules;
import io.cdp.testinfra.RealInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.caller.internal-secret=" + ProfileApiIT.INTERNAL_SECRET)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class ProfileApiIT {

	static final String INTERNAL_SECRET = "profile-api-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * A fresh prefix per test, so tests share the database without seeing each other's
	 * rows.
	 */
	private String run = "";

	@BeforeEach
	void newRun() {
		this.run = UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	@Test
	void shouldRefuseACallThatDidNotComeThroughTheGateway() {
		ResponseEntity<String> direct = getAs(null, "/v1/profiles/{id}", "p-any");
		ResponseEntity<String> forged = getAs(new CallerHeader("guessed-secret").write("mallory",
				Set.of("profiles:read", "events:read"), Instant.now()), "/v1/profiles/{id}", "p-any");
		ResponseEntity<String> stale = getAs(
				GATEWAY.write("support-console", Set.of("profiles:read"), Instant.now().minus(Duration.ofHours(1))),
				"/v1/profiles/{id}", "p-any");

		for (ResponseEntity<String> refused : List.of(direct, forged, stale)) {
			assertThat(refused.getStatusCode().value())
				.as("%s / %s / %s", direct.getStatusCode(), forged.getStatusCode(), stale.getStatusCode())
				.isEqualTo(401);
			assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
			assertThat(json(refused).get("type").asString()).endsWith("/unauthenticated-caller");
		}
	}

	@Test
	void shouldLogARefusedRequestWithItsRequestId(CapturedOutput output) {
		String requestId = "profile-it-" + UUID.randomUUID();

		ResponseEntity<String> refused = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v1/profiles/{id}", "p-logged")
			.header("X-Request-Id", requestId)
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(401);
		assertThat(refused.getHeaders().getFirst("X-Request-Id")).isEqualTo(requestId);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Refused GET /v1/profiles/p-logged")))
			.singleElement()
			.asString()
			.contains("[" + requestId + "] ");
	}

	@Test
	void shouldRefuseHistoryToAKeyThatMayOnlyReadProfiles() {
		String marketing = GATEWAY.write("marketing-tool", Set.of("profiles:read"), Instant.now());

		ResponseEntity<String> history = getAs(marketing, "/v1/profiles/{id}/events", "p-any");
		ResponseEntity<String> profile = getAs(marketing, "/v1/profiles/{id}", "p-unknown-to-the-store");

		assertThat(history.getStatusCode().value()).isEqualTo(403);
		assertThat(json(history).get("type").asString()).endsWith("/missing-scope");
		assertThat(profile.getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void shouldAnswerWithTheProfileItsIdentifiersTraitsAndComputedFields() {
		String id = id("p");
		profile(id, null,
				"{\"plan\":{\"value\":\"pro\",\"sourceId\":\"web-app\",\"occurredAt\":\"2025-03-01T10:05:00Z\","
						+ "\"messageId\":\"m1\"},\"age\":{\"value\":42,\"sourceId\":\"crm\",\"occurredAt\":\"2025-03-01T10:06:00Z\","
						+ "\"messageId\":\"m2\"}}",
				"{\"firstSeen\":\"2025-03-01T10:00:00Z\",\"lastSeen\":\"2025-03-02T10:00:00Z\",\"eventCount\":3,"
						+ "\"eventsByChannel\":{\"web\":2,\"email\":1},\"eventsByType\":{\"track\":2,\"identify\":1}}");
		identifier("email", this.run + "jane@example.com", id, "web-app", "crm");
		identifier("user_id", this.run + "u-1", id, "web-app");

		ResponseEntity<String> response = get("/v1/profiles/{id}", id);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode profile = json(response);
		assertThat(profile.get("profileId").asString()).isEqualTo(id);
		assertThat(profile.get("createdAt").asString()).isEqualTo("2025-03-01T10:00:00Z");
		assertThat(profile.get("updatedAt").asString()).isEqualTo("2025-03-02T10:00:00Z");
		assertThat(profile.at("/traits/plan/value").asString()).isEqualTo("pro");
		assertThat(profile.at("/traits/plan/sourceId").asString()).isEqualTo("web-app");
		assertThat(profile.at("/traits/plan/occurredAt").asString()).isEqualTo("2025-03-01T10:05:00Z");
		assertThat(profile.at("/traits/age/value").asInt()).isEqualTo(42);
		assertThat(profile.at("/computed/firstSeen").asString()).isEqualTo("2025-03-01T10:00:00Z");
		assertThat(profile.at("/computed/lastSeen").asString()).isEqualTo("2025-03-02T10:00:00Z");
		assertThat(profile.at("/computed/eventCount").asLong()).isEqualTo(3);
		assertThat(profile.at("/computed/eventsByChannel/web").asLong()).isEqualTo(2);
		assertThat(profile.at("/computed/eventsByType/identify").asLong()).isEqualTo(1);
		assertThat(texts(profile.get("identifiers"), "type")).containsExactly("email", "user_id");
		assertThat(profile.at("/identifiers/0/value").asString()).isEqualTo(this.run + "jane@example.com");
		assertThat(texts(profile.at("/identifiers/0/sources"))).containsExactly("crm", "web-app");
		assertThat(profile.at("/identifiers/0/firstSeen").asString()).isEqualTo("2025-03-01T10:00:00Z");
		assertThat(profile.get("mergedProfileIds")).isEmpty();
	}

	@Test
	void shouldDeriveTheCustomerExperienceValuesFromTheStoredFactsAsOfTheRequest() {
		String id = id("cx");
		Instant at = Instant.parse("2025-03-03T18:30:00Z");
		List<CustomerEvent> events = List.of(cxEvent("c1", EventType.PAGE, null, at, Map.of("path", "/pricing")),
				cxEvent("c2", EventType.TRACK, "Order Completed", at.plusSeconds(60),
						Map.of("revenue", 30.25, "currency", "EUR")),
				cxEvent("c3", EventType.TRACK, "Order Completed", at.plusSeconds(3_600), Map.of("revenue", "9.75")),
				cxEvent("c4", EventType.TRACK, "NPS Survey Submitted", at.plusSeconds(7_200), Map.of("score", 3)));
		CxFacts facts = null;
		for (CustomerEvent event : events) {
			facts = CxRecorder.record(facts, event, CxRules.defaults());
		}
		Map<String, Object> computed = new LinkedHashMap<>();
		computed.put("eventCount", events.size());
		computed.put("cx", facts);
		profile(id, null, "{}", ContractJson.mapper().writeValueAsString(computed));

		JsonNode profile = json(get("/v1/profiles/{id}", id));

		assertThat(profile.at("/computed/eventCount").asLong()).isEqualTo(4);
		JsonNode cx = profile.at("/computed/cx");
		assertThat(cx.at("/value/orders").asLong()).isEqualTo(2);
		assertThat(cx.at("/value/customer").asString()).isEqualTo("repeat");
		assertThat(cx.at("/value/currencies/EUR/lifetimeValue").asString()).isEqualTo("30.25");
		assertThat(cx.at("/value/currencies/USD/averageOrderValue").asString()).isEqualTo("9.75");
		assertThat(cx.at("/engagement/preferredChannel").isMissingNode()).isTrue();
		assertThat(cx.at("/engagement/lastSeen/web").asString()).isEqualTo("2025-03-03T20:30:00Z");
		assertThat(cx.at("/satisfaction/npsClass").asString()).isEqualTo("detractor");
		assertThat(cx.at("/journey/stage").asString()).isEqualTo("retention");
		assertThat(texts(cx.at("/journey/history"), "stage")).containsExactly("awareness", "evaluation", "purchase",
				"retention");
		// Silent since March 2025: long past the churn period, whenever the test runs.
		assertThat(cx.at("/journey/status").asString()).isEqualTo("churned");
		assertThat(cx.at("/journey/reason").asString()).isEqualTo("detractor");
	}

	@Test
	void shouldShowEmptyCustomerExperienceValuesForARowWrittenBeforeTheFactsExisted() {
		String id = id("old");
		profile(id, null, "{}", "{\"eventCount\":1,\"eventsByChannel\":{\"web\":1}}");

		JsonNode cx = json(get("/v1/profiles/{id}", id)).at("/computed/cx");

		assertThat(cx.at("/value/orders").asLong()).isZero();
		assertThat(cx.at("/journey/history")).isEmpty();
		assertThat(cx.at("/journey/stage").isMissingNode()).isTrue();
		assertThat(cx.at("/engagement/timeZone").asString()).isEqualTo("UTC");
	}

	@Test
	void shouldAnswerAMergedAwayIdWithTheSurvivingProfileThroughAChainOfMerges() {
		String survivor = id("a");
		String middle = id("b");
		String newest = id("c");
		profile(survivor, null, "{}", "{}", middle, newest);
		// The writer has not flattened the chain yet: c still points at b.
		profile(middle, survivor, "{}", "{}");
		profile(newest, middle, "{}", "{}");
		identifier("email", this.run + "c@example.com", newest, "web-app");

		ResponseEntity<String> response = get("/v1/profiles/{id}", newest);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_LOCATION)).isEqualTo("/v1/profiles/" + survivor);
		JsonNode profile = json(response);
		assertThat(profile.get("profileId").asString()).isEqualTo(survivor);
		assertThat(texts(profile.get("mergedProfileIds"))).containsExactlyInAnyOrder(middle, newest);
		assertThat(texts(profile.get("identifiers"), "value")).containsExactly(this.run + "c@example.com");
	}

	@Test
	void shouldNameTheProfileEachAnswerShowsForTheGatewaysAudit() {
		String survivor = id("a");
		String merged = id("b");
		profile(survivor, null, "{}", "{}", merged);
		profile(merged, survivor, "{}", "{}");
		identifier("email", this.run + "audit@example.com", merged, "web-app");

		for (String path : List.of("/v1/profiles/" + merged, "/v1/profiles/" + merged + "/identifiers",
				"/v1/profiles/" + merged + "/events", "/v1/profiles/" + merged + "/merges",
				"/v1/profiles/lookup?identifier=email:" + this.run + "audit@example.com")) {
			ResponseEntity<String> response = get(path);

			assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
			assertThat(response.getHeaders().get("X-CDP-Audit-Profile")).as(path).containsExactly(survivor);
		}
		assertThat(get("/v1/profiles/{id}", id("nobody")).getHeaders().containsHeader("X-CDP-Audit-Profile")).isFalse();
	}

	@Test
	void shouldFindTheCustomerAnOrderOrATicketBelongsToAfterMerges() {
		String survivor = id("order-a");
		String merged = id("order-b");
		String other = id("ticket-c");
		profile(survivor, null, "{\"name\": {\"value\": \"Ada\"}}", "{}", merged);
		profile(merged, survivor, "{}", "{}");
		profile(other, null, "{}", "{}");
		referenceEvent("order-1", merged, "order_id", id("ORD-1042"));
		referenceEvent("order-2", survivor, "orderId", id("ORD-1042"));
		referenceEvent("ticket-1", other, "ticket_id", id("T-77"));

		ResponseEntity<String> order = get("/v1/profiles/search?reference=" + id("ORD-1042"));
		assertThat(order.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(texts(json(order).get("profiles"), "profileId")).containsExactly(survivor);
		assertThat(order.getHeaders().get("X-CDP-Audit-Profile")).containsExactly(survivor);
		ResponseEntity<String> ticket = get("/v1/profiles/search?reference= " + id("T-77") + " ");
		assertThat(texts(json(ticket).get("profiles"), "profileId")).containsExactly(other);
		ResponseEntity<String> nobody = get("/v1/profiles/search?reference=" + id("ORD-0"));
		assertThat(json(nobody).get("profiles").isEmpty()).isTrue();
		assertThat(nobody.getHeaders().containsHeader("X-CDP-Audit-Profile")).isFalse();
		assertInvalid(get("/v1/profiles/search?reference=   "), "reference");
		assertInvalid(get("/v1/profiles/search?reference=" + "x".repeat(201)), "reference");
	}

	@Test
	void shouldAnswerAnUnknownProfileIdWithProblemDetails() {
		ResponseEntity<String> response = get("/v1/profiles/{id}", id("nobody"));

		assertProblem(response, HttpStatus.NOT_FOUND, "profile-not-found");
		assertThat(json(response).get("profileId").asString()).isEqualTo(id("nobody"));
	}

	@Test
	void shouldLookUpAProfileByAnEmailAsTypedByAPerson() {
		String id = id("p");
		profile(id, null, "{}", "{}");
		identifier("email", this.run + "jane@example.com", id, "web-app");

		ResponseEntity<String> response = get("/v1/profiles/lookup?identifier={identifier}",
				"email:  " + this.run.toUpperCase() + "Jane@Example.COM ");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(response).get("profileId").asString()).isEqualTo(id);
	}

	@Test
	void shouldLookUpAProfileByAPhoneNumberInLocalFormatting() {
		String id = id("p");
		String merged = id("m");
		profile(id, null, "{}", "{}", merged);
		profile(merged, id, "{}", "{}");
		// The identifier row still points at the merged-away profile.
		String phone = "+1415555" + String.format("%04d", Math.floorMod(this.run.hashCode(), 10_000));
		identifier("phone", phone, merged, "support");

		ResponseEntity<String> response = get("/v1/profiles/lookup?identifier={identifier}",
				"phone:+1 (415) 555-" + phone.substring(8));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode profile = json(response);
		assertThat(profile.get("profileId").asString()).isEqualTo(id);
		assertThat(texts(profile.get("identifiers"), "value")).containsExactly(phone);
	}

	@Test
	void shouldRejectALookupThatIsNotTypeColonValue() {
		for (String identifier : List.of("jane@example.com", "E-Mail:jane@example.com", "email:not-an-address",
				"phone:12", "email:null")) {
			ResponseEntity<String> response = get("/v1/profiles/lookup?identifier={identifier}", identifier);

			assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-parameter");
			assertThat(json(response).get("errors").propertyNames()).containsExactly("identifier");
		}
	}

	@Test
	void shouldRejectALookupWithoutIdentifier() {
		ResponseEntity<String> response = get("/v1/profiles/lookup");

		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(json(response).get("errors").propertyNames()).containsExactly("identifier");
	}

	@Test
	void shouldAnswerALookupOfAnUnknownIdentifierWithProblemDetails() {
		ResponseEntity<String> response = get("/v1/profiles/lookup?identifier={identifier}",
				"email:" + this.run + "Nobody@Example.com");

		assertProblem(response, HttpStatus.NOT_FOUND, "profile-not-found");
		assertThat(json(response).get("identifier").asString()).isEqualTo("email:" + this.run + "nobody@example.com");
	}

	@Test
	void shouldListTheIdentifiersOfAProfileAndOfTheProfilesMergedIntoIt() {
		String id = id("p");
		String merged = id("m");
		profile(id, null, "{}", "{}", merged);
		profile(merged, id, "{}", "{}");
		identifier("user_id", this.run + "u-1", id, "web-app");
		identifier("anonymous_id", this.run + "anon-1", merged, "web-app");

		ResponseEntity<String> response = get("/v1/profiles/{id}/identifiers", merged);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = json(response);
		assertThat(body.get("profileId").asString()).isEqualTo(id);
		assertThat(texts(body.get("identifiers"), "type")).containsExactly("anonymous_id", "user_id");
		assertThat(body.at("/identifiers/1/lastSeen").asString()).isEqualTo("2025-03-02T00:00:00Z");
	}

	@Test
	void shouldShowInALookupTheIdentifiersOfTheProfilesMergedIntoItToTheMicrosecond() {
		String id = id("p");
		String merged = id("m");
		profile(id, null, "{}", "{}", merged);
		profile(merged, id, "{}", "{}");
		identifier("user_id", this.run + "u-1", id, "web-app");
		identifier("anonymous_id", this.run + "anon-1", merged, "web-app", "crm");
		this.jdbc.sql(
				"UPDATE profile.identifiers SET first_seen = :firstSeen WHERE type = 'anonymous_id' AND value = :value")
			.param("firstSeen", timestamp(Instant.parse("2025-03-01T10:00:00.123456Z")))
			.param("value", this.run + "anon-1")
			.update();

		ResponseEntity<String> response = get("/v1/profiles/lookup?identifier={identifier}",
				"anonymous_id:" + this.run + "anon-1");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode profile = json(response);
		assertThat(profile.get("profileId").asString()).isEqualTo(id);
		assertThat(texts(profile.get("identifiers"), "type")).containsExactly("anonymous_id", "user_id");
		assertThat(profile.at("/identifiers/0/firstSeen").asString()).isEqualTo("2025-03-01T10:00:00.123456Z");
		assertThat(profile.at("/identifiers/0/lastSeen").asString()).isEqualTo("2025-03-02T00:00:00Z");
		assertThat(texts(profile.at("/identifiers/0/sources"))).containsExactly("crm", "web-app");
		assertThat(texts(profile.get("mergedProfileIds"))).containsExactly(merged);
		assertThat(profile.get("audiences")).isEmpty();
	}

	@Test
	void shouldListEventsNewestFirstAcrossTheIdsOfMergedProfiles() {
		String id = id("p");
		String merged = id("m");
		profile(id, null, "{}", "{}", merged);
		profile(merged, id, "{}", "{}");
		event("e1", merged, T0, "page", "Home", "web");
		event("e2", id, T0.plusSeconds(60), "track", "Signed Up", "web");
		event("e3", merged, T0.plusSeconds(120), "track", "Opened", "email");
		event("other", id("someone-else"), T0.plusSeconds(90), "track", "Signed Up", "web");

		JsonNode page = json(get("/v1/profiles/{id}/events", id));

		assertThat(page.get("profileId").asString()).isEqualTo(id);
		assertThat(texts(page.get("events"), "messageId")).containsExactly(id("e3"), id("e2"), id("e1"));
		assertThat(texts(page.get("events"), "profileId")).containsExactly(merged, id, merged);
		assertThat(page.at("/events/0/channel").asString()).isEqualTo("email");
		assertThat(page.at("/events/0/occurredAt").asString()).isEqualTo("2025-03-01T10:02:00Z");
		assertThat(page.at("/events/0/event/messageId").asString()).isEqualTo(id("e3"));
		assertThat(page.get("nextCursor").isNull()).isTrue();
	}

	@Test
	void shouldPageThroughTheWholeHistoryWithoutGapsOrRepeats() {
		String id = id("p");
		String mergedOne = id("m1");
		String mergedTwo = id("m2");
		profile(id, null, "{}", "{}", mergedOne, mergedTwo);
		profile(mergedOne, id, "{}", "{}");
		profile(mergedTwo, id, "{}", "{}");
		List<String> owners = List.of(id, mergedOne, mergedTwo);
		List<Inserted> inserted = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			// Pairs of events share an occurredAt, so the message id must break ties.
			Instant occurredAt = T0.plusSeconds(i / 2 * 60L);
			String messageId = id("e" + (char) ('a' + i));
			event("e" + (char) ('a' + i), owners.get(i % 3), occurredAt, "track", "Clicked", "web");
			inserted.add(new Inserted(messageId, occurredAt));
		}
		List<String> expected = inserted.stream()
			.sorted(Comparator.comparing(Inserted::occurredAt).thenComparing(Inserted::messageId).reversed())
			.map(Inserted::messageId)
			.toList();

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = json((cursor != null) ? get("/v1/profiles/{id}/events?limit=5&cursor={cursor}", id, cursor)
					: get("/v1/profiles/{id}/events?limit=5", id));
			seen.addAll(texts(page.get("events"), "messageId"));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(pages).isEqualTo(5);
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void shouldFilterEventsByChannelTypeNameAndTime() {
		String id = id("p");
		profile(id, null, "{}", "{}");
		event("web-page", id, T0, "page", "Home", "web");
		event("web-track", id, T0.plusSeconds(60), "track", "Signed Up", "web");
		event("email-track", id, T0.plusSeconds(120), "track", "Opened", "email");
		event("support-identify", id, T0.plusSeconds(180), "identify", null, "support");

		assertThat(messageIds("/v1/profiles/{id}/events?channel=web", id)).containsExactly(id("web-track"),
				id("web-page"));
		assertThat(messageIds("/v1/profiles/{id}/events?type=track", id)).containsExactly(id("email-track"),
				id("web-track"));
		assertThat(messageIds("/v1/profiles/{id}/events?name={name}", id, "Signed Up"))
			.containsExactly(id("web-track"));
		assertThat(messageIds("/v1/profiles/{id}/events?from={from}&to={to}", id, "2025-03-01T10:01:00Z",
				"2025-03-01T11:03:00+01:00"))
			.containsExactly(id("email-track"), id("web-track"));
		assertThat(messageIds("/v1/profiles/{id}/events?channel=web&type=page", id)).containsExactly(id("web-page"));
	}

	@Test
	void shouldNameEachInvalidHistoryParameter() {
		String id = id("p");
		profile(id, null, "{}", "{}");

		assertInvalid(get("/v1/profiles/{id}/events?limit=0", id), "limit");
		assertInvalid(get("/v1/profiles/{id}/events?limit=1001", id), "limit");
		assertInvalid(get("/v1/profiles/{id}/events?limit=many", id), "limit");
		assertInvalid(get("/v1/profiles/{id}/events?cursor=not-a-cursor", id), "cursor");
		assertInvalid(get("/v1/profiles/{id}/events?from=yesterday", id), "from");
		assertInvalid(get("/v1/profiles/{id}/events?to=2025-13-01T00:00:00Z", id), "to");
		assertInvalid(get("/v1/profiles/{id}/events?channel=fax", id), "channel");
		assertInvalid(get("/v1/profiles/{id}/events?type=click", id), "type");
		assertInvalid(get("/v1/profiles/{id}/events?limit=0&channel=fax", id), "limit", "channel");
	}

	@Test
	void shouldAnswerTheHistoryOfAnUnknownProfileWithProblemDetails() {
		assertProblem(get("/v1/profiles/{id}/events", id("nobody")), HttpStatus.NOT_FOUND, "profile-not-found");
		assertProblem(get("/v1/profiles/{id}/identifiers", id("nobody")), HttpStatus.NOT_FOUND, "profile-not-found");
	}

	@Test
	void shouldServeTheOpenApiDocumentAndSwaggerUi() {
		ResponseEntity<String> document = get("/v3/api-docs");

		assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode paths = json(document).get("paths");
		assertThat(paths.propertyNames()).contains("/v1/profiles/{profileId}", "/v1/profiles/lookup",
				"/v1/profiles/{profileId}/events", "/v1/profiles/{profileId}/identifiers");
		assertThat(get("/swagger-ui/index.html").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void shouldExplainAProfileWithItsMergesAndTheLinksTheRulesRefused() {
		String survivor = id("survivor");
		String absorbed = id("absorbed");
		String throughAbsorbed = id("through-absorbed");
		String stranger = id("stranger");
		profile(survivor, null, "{}", "{}", absorbed, throughAbsorbed);
		profile(absorbed, survivor, "{}", "{}");
		profile(stranger, null, "{}", "{}");
		decision(absorbed, survivor, "m-login", "merged", null, T0.plusSeconds(10), "anonymous_id:" + this.run + "a");
		decision(throughAbsorbed, absorbed, "m-app", "merged", null, T0.plusSeconds(5), "device_id:" + this.run + "d");
		decision(stranger, survivor, "m-tablet", "refused", "user_id limit 1 exceeded (2)", T0.plusSeconds(20),
				"device_id:" + this.run + "tablet");
		decision(stranger, id("elsewhere"), "m-other", "merged", null, T0, "email:" + this.run + "x@example.com");

		ResponseEntity<String> response = get("/v1/profiles/{id}/merges", absorbed);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode log = json(response);
		assertThat(log.get("profileId").asString()).isEqualTo(survivor);
		assertThat(texts(log.get("merges"), "loserId")).containsExactly(absorbed, throughAbsorbed);
		assertThat(texts(log.get("merges"), "causeMessageId")).containsExactly("m-login", "m-app");
		assertThat(texts(log.at("/merges/0/identifiers"))).containsExactly("anonymous_id:" + this.run + "a");
		assertThat(log.get("refused")).hasSize(1);
		assertThat(log.at("/refused/0/loserId").asString()).isEqualTo(stranger);
		assertThat(log.at("/refused/0/reason").asString()).isEqualTo("user_id limit 1 exceeded (2)");
		assertThat(log.at("/refused/0/decidedAt").asString()).isEqualTo("2025-03-01T10:00:20Z");

		assertProblem(get("/v1/profiles/{id}/merges", id("nobody")), HttpStatus.NOT_FOUND, "profile-not-found");
	}

	@Test
	void shouldServeTheIdentityRulesAndHubsToAdminsOnly() {
		String admin = GATEWAY.write("operator", Set.of("admin"), Instant.now());

		ResponseEntity<String> rules = getAs(admin, "/v1/admin/identity/rules");
		ResponseEntity<String> reader = getAs(
				GATEWAY.write("marketing-tool", Set.of("profiles:read", "events:read"), Instant.now()),
				"/v1/admin/identity/rules");

		assertThat(rules.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = json(rules);
		assertThat(body.at("/limits/user_id").asInt()).isEqualTo(1);
		assertThat(body.get("defaultLimit").asInt()).isEqualTo(5);
		assertThat(texts(body.get("priority"))).containsExactly("user_id", "email", "phone");
		assertThat(texts(body.at("/blockedPatterns/email"))).contains("test@test\\.com");
		assertThat(body.get("hubThreshold").asInt()).isEqualTo(10);
		assertThat(reader.getStatusCode().value()).isEqualTo(403);
		assertThat(json(reader).get("type").asString()).endsWith("/missing-scope");
		assertInvalid(getAs(admin, "/v1/admin/identity/hubs?limit=0"), "limit");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			ResponseEntity<String> hubs = getAs(GATEWAY.write("operator", Set.of("admin"), Instant.now()),
					"/v1/admin/identity/hubs");
			assertThat(hubs.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(json(hubs).get("hubs").isArray()).isTrue();
		});
	}

	@Test
	void shouldNameWhatIsWrongWithASplitRequest() {
		String profileId = id("split-me");
		profile(profileId, null, "{}", "{\"eventCount\": 2}");
		identifier("email", this.run + "held@example.org", profileId, "source-1");
		event("split-1", profileId, T0, "track", "Order Completed", "web");
		String admin = GATEWAY.write("operator", Set.of("admin"), Instant.now());
		String path = "/v1/admin/profiles/" + profileId + "/split";

		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{}"), "detach");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON,
				"{\"detach\": \"email:" + this.run + "held@example.org\", \"rules\": true}"), "detach");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"rules\": false}"), "rules");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"detach\": 42}"), "detach");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"detach\": \"no-colon\"}"), "detach");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"detach\": \"a\\u0000b:c\"}"), "detach");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"colour\": \"red\", \"rules\": true}"),
				"colour");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, "[1, 2]"), "body");
		assertSplitInvalid(postAs(admin, path, MediaType.APPLICATION_JSON, ""), "body");
		assertSplitInvalid(
				postAs(admin, path, MediaType.APPLICATION_JSON, "{\"detach\": \"email:nobody@example.org\"}"),
				"detach");
		assertProblem(postAs(admin, path, MediaType.APPLICATION_JSON, "{\"rules\": tru"), HttpStatus.BAD_REQUEST,
				"malformed-request");
		assertProblem(postAs(admin, path, MediaType.TEXT_PLAIN, "rules"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"unsupported-media-type");
		assertProblem(
				postAs(admin, path, MediaType.APPLICATION_JSON,
						"{\"rules\": true, \"x\": \"" + "y".repeat(5000) + "\"}"),
				HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
		assertProblem(postAs(admin, "/v1/admin/profiles/" + id("nobody") + "/split", MediaType.APPLICATION_JSON,
				"{\"rules\": true}"), HttpStatus.NOT_FOUND, "profile-not-found");
		assertThat(postAs(GATEWAY.write("marketing-tool", Set.of("profiles:read"), Instant.now()), path,
				MediaType.APPLICATION_JSON, "{\"rules\": true}")
			.getStatusCode()
			.value()).isEqualTo(403);
		// A value the rules block now is still found as the profile holds it, typed in
		// any
		// case: past the identifier check, the split waits for the store like any other.
		identifier("email", "noreply@" + this.run + "example.org", profileId, "source-1");
		assertProblem(
				postAs(admin, path, MediaType.APPLICATION_JSON, "{\"detach\": \"email:NoReply@"
						+ this.run.toUpperCase(java.util.Locale.ROOT) + "Example.org\"}"),
				HttpStatus.CONFLICT, "split-not-applied");
		// The profile says two events; the store holds one: not caught up, nothing
		// planned.
		ResponseEntity<String> behind = postAs(admin, path, MediaType.APPLICATION_JSON, "{\"rules\": true}");
		assertProblem(behind, HttpStatus.CONFLICT, "split-not-applied");
		assertThat(this.jdbc.sql("SELECT count(*) FROM profile.splits WHERE profile_id = :id")
			.param("id", profileId)
			.query(Long.class)
			.single()).isZero();
		assertProblem(getAs(admin, "/v1/admin/identity/splits/{id}", id("no-such-split")), HttpStatus.NOT_FOUND,
				"split-not-found");
		// A history row that cannot be read as an event (this one lacks receivedAt)
		// cannot be
		// resolved again: refused, never a server error.
		String unreadable = id("unreadable-history");
		profile(unreadable, null, "{}", "{\"eventCount\": 1}");
		event("unreadable-1", unreadable, T0, "track", "Order Completed", "web");
		ResponseEntity<String> refused = postAs(admin, "/v1/admin/profiles/" + unreadable + "/split",
				MediaType.APPLICATION_JSON, "{\"rules\": true}");
		assertProblem(refused, HttpStatus.CONFLICT, "split-not-applied");
		assertThat(json(refused).get("messageId").asString()).isEqualTo(id("unreadable-1"));
	}

	private void assertSplitInvalid(ResponseEntity<String> response, String field) {
		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(json(response).get("errors").propertyNames()).contains(field);
	}

	private ResponseEntity<String> postAs(String callerHeader, String path, MediaType type, String body) {
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri(path)
			.header(CallerHeader.NAME, callerHeader)
			.contentType(type)
			.body(body)
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
	}

	private void decision(String loser, String winner, String cause, String outcome, @Nullable String reason,
			Instant at, String... identifiers) {
		this.jdbc
			.sql("""
					INSERT INTO profile.merge_log (loser_id, winner_id, cause_message_id, outcome, reason, identifiers, decided_at)
					VALUES (:loser, :winner, :cause, :outcome, :reason, CAST(:identifiers AS text[]), :at)
					""")
			.param("loser", loser)
			.param("winner", winner)
			.param("cause", cause)
			.param("outcome", outcome)
			.param("reason", reason)
			.param("identifiers", identifiers)
			.param("at", timestamp(at))
			.update();
	}

	private void assertInvalid(ResponseEntity<String> response, String... parameters) {
		assertProblem(response, HttpStatus.BAD_REQUEST, "invalid-parameter");
		assertThat(json(response).get("errors").propertyNames()).containsExactlyInAnyOrder(parameters);
	}

	private static void assertProblem(ResponseEntity<String> response, HttpStatusCode status, String type) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://cdp.example.com/problems/" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private List<String> messageIds(String path, Object... variables) {
		ResponseEntity<String> response = get(path, variables);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return texts(json(response).get("events"), "messageId");
	}

	private CustomerEvent cxEvent(String messageId, EventType type, @Nullable String name, Instant occurredAt,
			Map<String, Object> properties) {
		return CustomerEvent.builder()
			.messageId(id(messageId))
			.type(type)
			.name(name)
			.channel(Channel.WEB)
			.sourceId("web-app")
			.identifier(Identifier.parse("user_id:" + id("u-cx")))
			.properties(properties)
			.occurredAt(occurredAt)
			.receivedAt(occurredAt)
			.build();
	}

	private String id(String name) {
		return this.run + name;
	}

	private void profile(String profileId, @Nullable String mergedInto, String traits, String computed,
			String... mergedProfileIds) {
		this.jdbc
			.sql("""
					INSERT INTO profile.profiles (profile_id, created_at, updated_at, version, merged_into, traits, computed,
						merged_profile_ids)
					VALUES (:profileId, :createdAt, :updatedAt, 1, :mergedInto, CAST(:traits AS jsonb),
						CAST(:computed AS jsonb), CAST(:mergedProfileIds AS text[]))
					""")
			.param("profileId", profileId)
			.param("createdAt", timestamp(T0))
			.param("updatedAt", timestamp(T0.plusSeconds(86_400)))
			.param("mergedInto", mergedInto)
			.param("traits", traits)
			.param("computed", computed)
			.param("mergedProfileIds", mergedProfileIds)
			.update();
	}

	private void identifier(String type, String value, String profileId, String... sources) {
		this.jdbc
			.sql("""
					INSERT INTO profile.identifiers (type, value, profile_id, profile_created_at, first_seen, last_seen, sources)
					VALUES (:type, :value, :profileId, :createdAt, :firstSeen, :lastSeen, CAST(:sources AS text[]))
					""")
			.param("type", type)
			.param("value", value)
			.param("profileId", profileId)
			.param("createdAt", timestamp(T0))
			.param("firstSeen", timestamp(T0))
			.param("lastSeen", timestamp(Instant.parse("2025-03-02T00:00:00Z")))
			.param("sources", sources)
			.update();
	}

	private void event(String name, String profileId, Instant occurredAt, String type, @Nullable String eventName,
			String channel) {
		String messageId = id(name);
		String event = ContractJson.mapper()
			.createObjectNode()
			.put("schemaVersion", 1)
			.put("messageId", messageId)
			.put("type", type)
			.put("name", eventName)
			.put("channel", channel)
			.put("sourceId", "source-1")
			.put("occurredAt", occurredAt.toString())
			.toString();
		this.jdbc.sql("""
				INSERT INTO profile.events (message_id, profile_id, occurred_at, received_at, type, name, channel,
					source_id, event)
				VALUES (:messageId, :profileId, :occurredAt, :receivedAt, :type, :name, :channel, 'source-1',
					CAST(:event AS jsonb))
				""")
			.param("messageId", messageId)
			.param("profileId", profileId)
			.param("occurredAt", timestamp(occurredAt))
			.param("receivedAt", timestamp(occurredAt.plusSeconds(1)))
			.param("type", type)
			.param("name", eventName)
			.param("channel", channel)
			.param("event", event)
			.update();
	}

	private void referenceEvent(String name, String profileId, String property, String reference) {
		String messageId = id(name);
		String event = ContractJson.mapper()
			.createObjectNode()
			.put("schemaVersion", 1)
			.put("messageId", messageId)
			.put("type", "track")
			.put("name", "Order Completed")
			.put("channel", "web")
			.put("sourceId", "source-1")
			.put("occurredAt", T0.toString())
			.set("properties", ContractJson.mapper().createObjectNode().put(property, reference))
			.toString();
		this.jdbc.sql("""
				INSERT INTO profile.events (message_id, profile_id, occurred_at, received_at, type, name, channel,
					source_id, event)
				VALUES (:messageId, :profileId, :occurredAt, :occurredAt, 'track', 'Order Completed', 'web', 'source-1',
					CAST(:event AS jsonb))
				""")
			.param("messageId", messageId)
			.param("profileId", profileId)
			.param("occurredAt", timestamp(T0))
			.param("event", event)
			.update();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private ResponseEntity<String> get(String path, Object... variables) {
		return getAs(GATEWAY.write("support-console", Set.of("profiles:read", "events:read"), Instant.now()), path,
				variables);
	}

	private ResponseEntity<String> getAs(@Nullable String callerHeader, String path, Object... variables) {
		return RestClient.create("http://localhost:" + this.port).get().uri(path, variables).headers((headers) -> {
			if (callerHeader != null) {
				headers.set(CallerHeader.NAME, callerHeader);
			}
		}).retrieve().onStatus((status) -> true, (request, reply) -> {
		}).toEntity(String.class);
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

	private static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((element) -> values.add(element.get(field).asString()));
		return values;
	}

	private static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((element) -> values.add(element.asString()));
		return values;
	}

	private record Inserted(String messageId, Instant occurredAt) {

	}

}
