package io.cdp.ingest.system;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event content rules at the door, for every kind of source, on the real broker: what
 * the pipeline cannot hold is rejected per message onto the dead-letter topic and named
 * in the answer, what can be repaired is published repaired, and the good messages beside
 * a bad one are published as usual.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoorRulesIT {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private IngestClient client;

	private IngestClient.Source web;

	private EventsOnKafka kafka;

	@BeforeAll
	void connect(TestKafka testKafka) {
		this.client = new IngestClient(this.port);
		this.web = this.client.createSegmentSource("web");
		this.kafka = new EventsOnKafka(testKafka);
	}

	@AfterAll
	void close() {
		this.kafka.close();
	}

	@Test
	void shouldRefuseALoneSurrogateInAUserIdWith400AndDeadLetterIt() {
		String messageId = "door-" + UUID.randomUUID();

		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "\\ud800", "event": "Cut Emoji", "messageId": "%s"}""".formatted(messageId));

		assertThat(response.status()).as(response.text()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("identifiers[0].value");
		assertThat(response.json().get("detail").asString())
			.isEqualTo("the user_id identifier contains an unpaired UTF-16 surrogate");
		DeadLetter letter = this.kafka.awaitDeadLetters(1, (dead) -> dead.payload().contains(messageId)).get(0);
		assertThat(letter.field()).isEqualTo("identifiers[0].value");
		assertThat(letter.sourceId()).isEqualTo(this.web.id());
		assertThat(letter.payload()).contains("\ufffd").doesNotContain("\ud800");
	}

	@Test
	void shouldPublishTheGoodMessagesOfABatchAndListTheBadOneByIndex() {
		String good = "door-good-" + UUID.randomUUID();
		String bad = "door-bad-" + UUID.randomUUID();

		Response response = this.client.post("/v1/batch", this.web.writeKey(), """
				{"batch": [
				  {"type": "track", "userId": "%s", "event": "Fine"},
				  {"type": "identify", "userId": "%s", "traits": {"na\\u0000me": "Ada"}},
				  {"type": "track", "userId": "%s", "event": "Also Fine"}]}""".formatted(good, bad, good));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected).hasSize(1);
		assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("field").asString()).isEqualTo("traits.na\ufffdme");
		assertThat(rejected.get(0).get("reason").asString()).isEqualTo("a key in traits contains a NUL character");
		assertThat(this.kafka.awaitEvents(2, (event) -> hasUser(event, good))).hasSize(2);
		assertThat(this.kafka.awaitDeadLetters(1, (dead) -> dead.payload().contains(bad))).hasSize(1);
	}

	@Test
	void shouldReplaceMalformedTextInValuesAndCountTheRepair() {
		String userId = "door-repair-" + UUID.randomUUID();
		double before = repaired();

		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "Viewed", "properties": {"title": "half \\ud83d", "tags": ["a\\u0000"]},
				 "context": {"page": {"title": "\\udc00"}}}""".formatted(userId));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		CustomerEvent event = this.kafka.awaitEvents(1, (candidate) -> hasUser(candidate, userId)).get(0);
		assertThat(event.properties()).containsEntry("title", "half \ufffd")
			.containsEntry("tags", java.util.List.of("a\ufffd"));
		assertThat(event.context()).containsEntry("page", Map.of("title", "\ufffd"));
		assertThat(repaired()).isEqualTo(before + 1);
	}

	@Test
	void shouldUseTheReceiptTimeForAnAbsurdClientTimeAndKeepTheOriginal() {
		String userId = "door-clock-" + UUID.randomUUID();
		Instant before = Instant.now();

		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "Time Travelled", "timestamp": "-999999999-01-01T00:00:00Z",
				 "sentAt": "+999999999-12-31T23:59:59Z"}""".formatted(userId));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		CustomerEvent event = this.kafka.awaitEvents(1, (candidate) -> hasUser(candidate, userId)).get(0);
		assertThat(event.occurredAt()).isEqualTo(event.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
		assertThat(event.context()).containsEntry("originalTimestamp", Instant.MIN.toString());
	}

	@Test
	void shouldApplyTheRulesToWebhooks() {
		String writeKey = this.client
			.createSource(Map.of("name", "SendGrid", "kind", "webhook", "provider", "sendgrid"))
			.get("writeKey")
			.asString();
		String good = "door-" + UUID.randomUUID() + "@example.com";

		Response response = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/v1/webhooks/sendgrid?writeKey=" + writeKey))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						[{"email": "%s", "timestamp": 1513299569, "event": "delivered"},
						 {"email": "\\udfff@example.com", "timestamp": 1513299570, "event": "delivered"}]"""
					.formatted(good))));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("rejected").get(0).get("index").asInt()).isEqualTo(1);
		assertThat(response.json().get("rejected").get(0).get("field").asString()).isEqualTo("identifiers[0].value");
		assertThat(this.kafka.awaitEvents(1,
				(event) -> event.identifiers().contains(new Identifier(IdentifierType.EMAIL, good))))
			.hasSize(1);
	}

	@Test
	void shouldApplyTheRulesToMappedSources() {
		JsonNode created = this.client.createSource(Map.of("name", "Till", "kind", "mapped", "mapping",
				Map.of("event", "/action", "identifiers", Map.of("email", "/email"))));
		String good = "door-" + UUID.randomUUID() + "@example.com";

		Response response = this.client
			.post("/v1/sources/" + created.get("id").asString() + "/events", created.get("writeKey").asString(), """
					[{"action": "Bought", "email": "\\u0000"}, {"action": "Bought", "email": "%s"}]""".formatted(good));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("rejected").get(0).get("index").asInt()).isEqualTo(0);
		assertThat(this.kafka.awaitEvents(1,
				(event) -> event.identifiers().contains(new Identifier(IdentifierType.EMAIL, good))))
			.hasSize(1);
	}

	@Test
	void shouldAnswerAndCountAnalyticsJsMetricsWithTheCorsOfTheTrackingPaths() {
		double before = clientMetrics();

		Response preflight = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/m"))
			.header("Origin", "https://shop.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		Response posted = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/m"))
			.header("Origin", "https://shop.example.com")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"series": [{"type": "Counter", "metric": "analytics_js.invoke", "value": 2,
					             "tags": {"method": "track"}},
					            {"type": "Counter", "metric": "analytics_js.invoke", "value": 1,
					             "tags": {"method": "page"}}]}""")));

		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
		assertThat(posted.status()).as(posted.text()).isEqualTo(200);
		assertThat(posted.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
		assertThat(clientMetrics()).isEqualTo(before + 3);
	}

	private double repaired() {
		var counter = this.meters.find("cdp.ingest.events.repaired").tag("source", this.web.id()).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double clientMetrics() {
		var counter = this.meters.find("cdp.ingest.client-metrics").tag("metric", "analytics_js.invoke").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static boolean hasUser(CustomerEvent event, String userId) {
		return event.identifiers().contains(new Identifier(IdentifierType.USER_ID, userId));
	}

}
