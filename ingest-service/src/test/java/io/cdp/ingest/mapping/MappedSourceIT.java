package io.cdp.ingest.mapping;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.source.SourceRegistry;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.cdp.ingest.mapping.MappingFixtures.json;
import static io.cdp.ingest.mapping.MappingFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A point-of-sale system as a mapped source, over real HTTP into the real broker: the
 * source is created through the admin API with its mapping, purchases are posted as the
 * system sends them and come out as canonical events, bad ones on the dead-letter topic.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappedSourceIT {

	@LocalServerPort
	private int port;

	private IngestClient client;

	private EventsOnKafka kafka;

	private IngestClient.Source pos;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SourceRegistry registry;

	@BeforeAll
	void createPointOfSaleSource(TestKafka testKafka) {
		this.client = new IngestClient(this.port);
		this.kafka = new EventsOnKafka(testKafka);
		this.pos = mappedSource("Stores' point of sale", resource("pos-purchase-mapping.json"));
	}

	@AfterAll
	void close() {
		this.kafka.close();
	}

	@Test
	void shouldPutPointOfSalePurchasesOnKafkaAsOrderCompletedEvents() {
		ArrayNode purchases = purchasesWithFreshReceiptIds();
		List<String> receiptIds = receiptIds(purchases);

		Response response = post(this.pos, purchases.toString());

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(3);
		assertThat(response.json().get("rejected")).isEmpty();
		List<ConsumerRecord<String, CustomerEvent>> records = this.kafka.awaitRecords(3,
				(event) -> receiptIds.contains(event.messageId()));
		ConsumerRecord<String, CustomerEvent> first = records.stream()
			.filter((record) -> record.key().equals(receiptIds.get(0)))
			.findFirst()
			.orElseThrow();
		CustomerEvent purchase = first.value();
		assertThat(purchase.messageId()).isEqualTo(receiptIds.get(0));
		assertThat(purchase.type()).isEqualTo(EventType.TRACK);
		assertThat(purchase.name()).isEqualTo("Order Completed");
		assertThat(purchase.channel()).isEqualTo(Channel.SERVER);
		assertThat(purchase.sourceId()).isEqualTo(this.pos.id());
		assertThat(purchase.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:12:44Z"));
		assertThat(purchase.identifiers()).containsExactly(
				new Identifier(IdentifierType.EMAIL, "Claire.Martin@example.com"),
				new Identifier(IdentifierType.PHONE, "+33 6 12 34 56 78"),
				new Identifier(IdentifierType.USER_ID, "LC-5500123"));
		assertThat(purchase.traits()).containsEntry("firstName", "Claire").containsEntry("loyaltyTier", "gold");
		assertThat(purchase.properties()).containsEntry("order_id", receiptIds.get(0))
			.containsEntry("total", 49.7)
			.containsEntry("currency", "EUR")
			.containsEntry("store_name", "Lyon Part-Dieu")
			.containsEntry("payment_method", "card");
		assertThat(purchase.properties().get("products")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
		assertThat(records).extracting((record) -> record.value().identifiers())
			.contains(List.of(new Identifier(IdentifierType.USER_ID, "5500987")));
	}

	@Test
	void shouldDeadLetterThePurchaseWithABadTimestampAndAcceptTheOthers() {
		ArrayNode purchases = purchasesWithFreshReceiptIds();
		((ObjectNode) purchases.get(1)).put("purchasedAt", "yesterday at 10:31");
		List<String> receiptIds = receiptIds(purchases);

		Response response = post(this.pos, purchases.toString());

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected).hasSize(1);
		assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("field").asString()).isEqualTo("timestamp");
		assertThat(rejected.get(0).get("reason").asString()).contains("ISO-8601").contains("/purchasedAt");
		this.kafka.awaitEvents(2,
				(event) -> event.messageId().equals(receiptIds.get(0)) || event.messageId().equals(receiptIds.get(2)));
		DeadLetter letter = this.kafka.awaitDeadLetters(1, (dead) -> dead.payload().contains(receiptIds.get(1))).get(0);
		assertThat(letter.field()).isEqualTo("timestamp");
		assertThat(letter.reason()).isEqualTo(rejected.get(0).get("reason").asString());
		assertThat(letter.sourceId()).isEqualTo(this.pos.id());
		assertThat(json(letter.payload())).isEqualTo(purchases.get(1));
	}

	@Test
	void shouldDeadLetterEveryElementWhileTheStoredMappingIsBroken() {
		IngestClient.Source edited = mappedSource("Edited in the database", resource("pos-purchase-mapping.json"));
		this.jdbc.sql("UPDATE ingest.sources SET mapping = '{\"identifiers\": {}}'::jsonb WHERE id = ?")
			.param(edited.id())
			.update();
		this.registry.refresh();
		ArrayNode purchases = purchasesWithFreshReceiptIds();
		List<String> receiptIds = receiptIds(purchases);

		Response response = post(edited, purchases.toString());

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isZero();
		assertThat(response.json().get("rejected")).hasSize(3);
		List<DeadLetter> letters = this.kafka.awaitDeadLetters(3,
				(dead) -> receiptIds.stream().anyMatch(dead.payload()::contains));
		assertThat(letters).allSatisfy((letter) -> {
			assertThat(letter.reason()).startsWith("The source's mapping is invalid: mapping.event is required");
			assertThat(letter.sourceId()).isEqualTo(edited.id());
		});
	}

	@Test
	void shouldRefuseAnInvalidMappingAtCreationNamingEveryField() {
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"name": "Broken POS", "kind": "mapped",
					 "mapping": {"event": {"const": "Order Completed"}, "timestamp": "purchasedAt", "colour": "blue",
					             "identifiers": {"Email": "/customer/email"}}}""")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).endsWith("/invalid-request");
		assertThat(response.json().get("errors").propertyNames()).containsExactlyInAnyOrder("mapping.timestamp",
				"mapping.colour", "mapping.identifiers.Email");
		assertThat(response.json().get("detail").asString())
			.contains("mapping.identifiers.Email is not an identifier type");
	}

	@Test
	void shouldRequireAMappingOfAMappedSource() {
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"POS\", \"kind\": \"mapped\"}")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").has("mapping")).isTrue();
	}

	@Test
	void shouldRefuseUnknownKeysOtherKindsOfSourceAndOtherSourcesKeys() {
		String body = purchasesWithFreshReceiptIds().get(0).toString();
		IngestClient.Source segment = this.client.createSegmentSource("web");
		IngestClient.Source otherPos = mappedSource("Other POS", resource("pos-purchase-mapping.json"));

		Response unknown = post(this.pos.id(), "not-a-key", body);
		Response missing = this.client.send(HttpRequest.newBuilder(this.client.uri(eventsPath(this.pos.id())))
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		Response segmentKey = post(segment.id(), segment.writeKey(), body);
		Response segmentKeyOnPos = post(this.pos.id(), segment.writeKey(), body);
		Response otherSourcesKey = post(this.pos.id(), otherPos.writeKey(), body);

		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.json().get("type").asString()).endsWith("/invalid-write-key");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(segmentKey.status()).isEqualTo(401);
		assertThat(segmentKey.json().get("detail").asString()).contains("segment source, not a mapped source");
		assertThat(segmentKeyOnPos.status()).isEqualTo(401);
		assertThat(otherSourcesKey.status()).isEqualTo(403);
		assertThat(otherSourcesKey.header("Content-Type")).startsWith("application/problem+json");
		assertThat(otherSourcesKey.json().get("type").asString()).endsWith("/write-key-of-another-source");
		assertThat(otherSourcesKey.json().get("detail").asString()).contains(otherPos.id());
	}

	@Test
	void shouldRefuseTheKeyOfADisabledSource() {
		IngestClient.Source doomed = mappedSource("Closed store", resource("pos-purchase-mapping.json"));
		String body = purchasesWithFreshReceiptIds().get(2).toString();
		assertThat(post(doomed, body).status()).isEqualTo(200);

		Response disabled = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources/" + doomed.id() + "/disable"))
				.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
				.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(disabled.status()).isEqualTo(200);
		assertThat(post(doomed, body).status()).isEqualTo(401);
	}

	@Test
	void shouldAnswerBadBodiesWith400ProblemDetails() {
		Response malformed = post(this.pos, "[{\"receipt\": ");
		Response text = post(this.pos, "\"purchase\"");
		Response empty = post(this.pos, "");

		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(malformed.json().get("detail").asString()).contains("not valid JSON");
		assertThat(text.status()).isEqualTo(400);
		assertThat(text.json().get("detail").asString()).contains("a JSON object or an array");
		assertThat(empty.status()).isEqualTo(400);
	}

	@Test
	void shouldTakeAGzippedObjectWithTheKeyInTheQueryAndDeriveTheSameIdOnEveryPost() {
		IngestClient.Source kiosk = mappedSource("Kiosk", json("""
				{"event": "/action", "timestamp": "$.at",
				 "identifiers": {"email": "/member/email"}, "properties": {"kiosk": "/kiosk"}}"""));
		String email = "kiosk-" + UUID.randomUUID() + "@example.com";
		String element = """
				{"action": "Coupon Printed", "at": "2025-03-01T08:00:00Z", "member": {"email": "%s"}, "kiosk": "K-7"}
				""".formatted(email);

		List<Response> responses = new ArrayList<>();
		for (int attempt = 0; attempt < 2; attempt++) {
			responses.add(this.client
				.send(HttpRequest.newBuilder(this.client.uri(eventsPath(kiosk.id()) + "/?writeKey=" + kiosk.writeKey()))
					.header("Content-Type", "application/json")
					.header("Content-Encoding", "gzip")
					.POST(HttpRequest.BodyPublishers.ofByteArray(IngestClient.gzip(element)))));
		}

		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.status()).as(response.text()).isEqualTo(200));
		List<ConsumerRecord<String, CustomerEvent>> records = this.kafka.awaitRecords(2,
				(event) -> event.identifiers().contains(new Identifier(IdentifierType.EMAIL, email)));
		assertThat(records).extracting(ConsumerRecord::key).containsExactly(records.get(0).key(), records.get(0).key());
		assertThat(records.get(0).value().name()).isEqualTo("Coupon Printed");
		assertThat(records.get(0).value().properties()).isEqualTo(Map.of("kiosk", "K-7"));
	}

	private IngestClient.Source mappedSource(String name, JsonNode mapping) {
		JsonNode created = this.client.createSource(Map.of("name", name, "kind", "mapped", "mapping", mapping));
		assertThat(created.get("channel").asString()).isEqualTo("server");
		assertThat(created.get("mapping")).isEqualTo(mapping);
		return new IngestClient.Source(created.get("id").asString(), created.get("writeKey").asString());
	}

	private Response post(IngestClient.Source source, String body) {
		return post(source.id(), source.writeKey(), body);
	}

	private Response post(String sourceId, String writeKey, String body) {
		return this.client.post(eventsPath(sourceId), writeKey, body);
	}

	private static String eventsPath(String sourceId) {
		return "/v1/sources/" + sourceId + "/events";
	}

	/** The example purchases, with receipt ids no other test posts. */
	private static ArrayNode purchasesWithFreshReceiptIds() {
		ArrayNode purchases = (ArrayNode) resource("pos-purchases.json");
		for (JsonNode purchase : purchases) {
			((ObjectNode) purchase.get("receipt")).put("id", "POS-" + UUID.randomUUID());
		}
		return purchases;
	}

	private static List<String> receiptIds(ArrayNode purchases) {
		return purchases.values().stream().map((purchase) -> purchase.at("/receipt/id").asString()).toList();
	}

}
