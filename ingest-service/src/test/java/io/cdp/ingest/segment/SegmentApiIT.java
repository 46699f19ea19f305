package io.cdp.ingest.segment;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.event.DeadLetter;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentApiIT {

	@LocalServerPort
	private int port;

	private IngestClient client;

	private IngestClient.Source web;

	private EventsOnKafka kafka;

	@BeforeAll
	void createSource(TestKafka testKafka) {
		this.client = new IngestClient(this.port);
		this.web = this.client.createSegmentSource("web");
		this.kafka = new EventsOnKafka(testKafka);
	}

	@AfterAll
	void closeConsumers() {
		this.kafka.close();
	}

	@Test
	void shouldPublishATrackCallKeyedByMessageIdOnceKafkaHasIt() {
		String userId = unique("user");
		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "Order Completed", "messageId": "msg-%s",
				 "properties": {"revenue": 42.5}, "context": {"library": {"name": "analytics.js"}}}
				""".formatted(userId, userId));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("success").asBoolean()).isTrue();
		assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
		var record = this.kafka.awaitRecords(1, (event) -> hasUser(event, userId)).get(0);
		assertThat(record.key()).isEqualTo("msg-" + userId);
		CustomerEvent event = record.value();
		assertThat(event.type()).isEqualTo(EventType.TRACK);
		assertThat(event.name()).isEqualTo("Order Completed");
		assertThat(event.channel()).isEqualTo(Channel.WEB);
		assertThat(event.sourceId()).isEqualTo(this.web.id());
		assertThat(event.properties()).containsEntry("revenue", 42.5);
		assertThat(event.context()).containsKey("library").containsKey("ip");
	}

	@ParameterizedTest
	@CsvSource({ "/v1/t, track", "/v1/track/, track", "/v1/i, identify", "/v1/identify/, identify", "/v1/p, page",
			"/v1/page, page", "/v1/s, screen", "/v1/screen, screen", "/v1/g, group", "/v1/group, group", "/v1/a, alias",
			"/v1/alias, alias" })
	void shouldAcceptEveryPathTheSdksUse(String path, String type) {
		String userId = unique("alias-path");
		Response response = this.client.post(path, this.web.writeKey(), """
				{"userId": "%s", "event": "Clicked", "name": "Home", "groupId": "acme", "previousId": "anon-1"}
				""".formatted(userId));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(this.kafka.awaitEvents(1, (event) -> hasUser(event, userId)).get(0).type())
			.isEqualTo(EventType.fromWireName(type));
	}

	@ParameterizedTest
	@CsvSource({ "/v1/batch", "/v1/import/", "/v1/b" })
	void shouldApplyTheBatchContextAndSentAtToEachMessage(String path) {
		String userId = unique("batch");
		Instant now = Instant.now();
		Response response = this.client.post(path, this.web.writeKey(), """
				{"sentAt": "%s", "context": {"library": {"name": "analytics-java", "version": "3.5.4"}},
				 "batch": [
				   {"type": "identify", "userId": "%s", "traits": {"email": "Jane@Example.com", "plan": "pro"},
				    "timestamp": "%s"},
				   {"type": "track", "userId": "%s", "event": "Signed Up", "context": {"locale": "en-GB"}}
				 ]}
				""".formatted(now.plusSeconds(3600), userId, now.plusSeconds(3600 - 60), userId));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		List<CustomerEvent> events = this.kafka.awaitEvents(2, (event) -> hasUser(event, userId));
		assertThat(events).allSatisfy((event) -> assertThat(event.context()).containsKey("library"));
		CustomerEvent identify = events.stream()
			.filter((e) -> e.type() == EventType.IDENTIFY)
			.findFirst()
			.orElseThrow();
		assertThat(identify.identifiers()).contains(new Identifier(IdentifierType.EMAIL, "Jane@Example.com"));
		// The client clock runs an hour fast; the event happened about a minute before it
		// was sent.
		assertThat(identify.occurredAt()).isBetween(now.minusSeconds(75), now.minusSeconds(45));
		CustomerEvent track = events.stream().filter((e) -> e.type() == EventType.TRACK).findFirst().orElseThrow();
		assertThat(track.context()).containsEntry("locale", "en-GB");
	}

	@Test
	void shouldDeadLetterAnInvalidBatchMessageAndAcceptTheRest() {
		String userId = unique("mixed");
		Response response = this.client.post("/v1/batch", this.web.writeKey(), """
				{"batch": [
				   {"type": "track", "userId": "%s", "event": "Viewed"},
				   {"type": "track", "event": "No Ids", "properties": {"marker": "%s"}},
				   {"type": "track", "userId": "%s", "event": "Viewed Again"}
				 ]}
				""".formatted(userId, userId, userId));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(response.json().get("rejected").get(0).get("index").asInt()).isEqualTo(1);
		assertThat(response.json().get("rejected").get(0).get("field").asString()).isEqualTo("userId");
		this.kafka.awaitEvents(2, (event) -> hasUser(event, userId));
		DeadLetter letter = this.kafka.awaitDeadLetters(1, (dead) -> dead.payload().contains(userId)).get(0);
		assertThat(letter.reason()).contains("userId or anonymousId");
		assertThat(letter.sourceId()).isEqualTo(this.web.id());
	}

	@Test
	void shouldTakeTheWriteKeyFromTheBodyAndGzippedTextPlainBodies() {
		String userId = unique("gzip");
		String body = """
				{"writeKey": "%s", "batch": [{"type": "track", "userId": "%s", "event": "Gzipped"}]}
				""".formatted(this.web.writeKey(), userId);
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/b"))
			.header("Content-Type", "text/plain")
			.header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(IngestClient.gzip(body))));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		this.kafka.awaitEvents(1, (event) -> hasUser(event, userId));
	}

	@Test
	void shouldTreatAnEmptyUserIdAsAbsent() {
		String anonymousId = unique("anon");
		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "", "anonymousId": "%s", "event": "App Opened"}
				""".formatted(anonymousId));

		assertThat(response.status()).isEqualTo(200);
		CustomerEvent event = this.kafka
			.awaitEvents(1, (e) -> e.identifiers().contains(new Identifier(IdentifierType.ANONYMOUS_ID, anonymousId)))
			.get(0);
		assertThat(event.identifier(IdentifierType.USER_ID)).isEmpty();
	}

	@Test
	void shouldRefuseUnknownKeysAndMissingKeysWith401() {
		Response unknown = this.client.post("/v1/track", "not-a-key", "{\"userId\": \"u\", \"event\": \"E\"}");
		Response missing = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/track"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"userId\": \"u\", \"event\": \"E\"}")));

		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.status()).isEqualTo(401);
	}

	@Test
	void shouldRefuseTheKeyOfADisabledSource() {
		IngestClient.Source doomed = this.client.createSegmentSource("mobile");
		assertThat(this.client.post("/v1/track", doomed.writeKey(), "{\"userId\": \"u\", \"event\": \"E\"}").status())
			.isEqualTo(200);

		Response disabled = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources/" + doomed.id() + "/disable"))
				.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
				.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertThat(this.client.post("/v1/track", doomed.writeKey(), "{\"userId\": \"u\", \"event\": \"E\"}").status())
			.isEqualTo(401);
	}

	@Test
	void shouldAnswerMalformedJsonWith400ProblemDetails() {
		Response response = this.client.post("/v1/track", this.web.writeKey(), "{\"userId\": \"u\", \"event\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).endsWith("/invalid-request");
		assertThat(response.json().get("detail").asString()).contains("not valid JSON");
	}

	@Test
	void shouldNameTheFieldOfAnInvalidSingleMessageAndDeadLetterIt() {
		String marker = unique("long-id");
		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "E", "messageId": "%s"}
				""".formatted(marker, "m".repeat(101)));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("messageId");
		assertThat(response.json().get("detail").asString()).contains("100 characters");
		assertThat(this.kafka.awaitDeadLetters(1, (dead) -> dead.payload().contains(marker)).get(0).field())
			.isEqualTo("messageId");
	}

	@Test
	void shouldAnswerOversizeBodiesWith413NamingTheLimit() {
		String big = "x".repeat(33 * 1024);
		Response message = this.client.post("/v1/track", this.web.writeKey(),
				"{\"userId\": \"u\", \"event\": \"E\", \"properties\": {\"blob\": \"" + big + "\"}}");
		String hugeBatch = IntStream.range(0, 20)
			.mapToObj((i) -> "{\"type\": \"track\", \"userId\": \"u\", \"event\": \"E\", \"properties\": {\"blob\": \""
					+ "y".repeat(30 * 1024) + "\"}}")
			.collect(Collectors.joining(",", "{\"batch\": [", "]}"));
		Response batch = this.client.post("/v1/batch", this.web.writeKey(), hugeBatch);

		assertThat(message.status()).isEqualTo(413);
		assertThat(message.json().get("limit").asString()).isEqualTo("message");
		assertThat(message.json().get("detail").asString()).contains("32 KB");
		assertThat(batch.status()).isEqualTo(413);
		assertThat(batch.json().get("detail").asString()).contains("500 KB");
	}

	@Test
	void shouldRefuseBatchesOfMoreThan2500Messages() {
		String batch = IntStream.range(0, 2501)
			.mapToObj((i) -> "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}")
			.collect(Collectors.joining(",", "{\"batch\":[", "]}"));

		Response response = this.client.post("/v1/batch", this.web.writeKey(), batch);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("batch");
		assertThat(response.json().get("detail").asString()).contains("2500");
	}

	@Test
	void shouldAnswerTheCorsPreflightOfBrowserSdks() {
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/t"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://shop.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization, content-type"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
		assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
	}

	@Test
	void shouldIgnoreForwardedForFromUntrustedPeersButHonourTrustedOnes() {
		String userId = unique("ip");
		// The test client connects from 127.0.0.1, a trusted proxy by default.
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/track"))
			.header("Authorization", IngestClient.basic(this.web.writeKey()))
			.header("X-Forwarded-For", "203.0.113.9, 127.0.0.1")
			.POST(HttpRequest.BodyPublishers.ofString("{\"userId\": \"" + userId + "\", \"event\": \"E\"}")));

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.kafka.awaitEvents(1, (event) -> hasUser(event, userId)).get(0).context()).containsEntry("ip",
				"203.0.113.9");
	}

	@Test
	void shouldLetContextChannelOverrideTheSourceChannel() {
		String userId = unique("channel");
		this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "E", "context": {"channel": "mobile"}}
				""".formatted(userId));

		assertThat(this.kafka.awaitEvents(1, (event) -> hasUser(event, userId)).get(0).channel())
			.isEqualTo(Channel.MOBILE);
	}

	private static boolean hasUser(CustomerEvent event, String userId) {
		return event.identifiers().contains(new Identifier(IdentifierType.USER_ID, userId));
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
