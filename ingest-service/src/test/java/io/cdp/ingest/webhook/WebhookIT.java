package io.cdp.ingest.webhook;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider's webhook over real HTTP into the real broker: source authentication by
 * write key, the provider's signature over the raw body, mapping, dead-lettering.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIT {

	private static final String MAILGUN_KEY = "key-mailgun-signing";

	private static final String INTERCOM_SECRET = "intercom-client-secret";

	@LocalServerPort
	private int port;

	private IngestClient client;

	private EventsOnKafka kafka;

	@BeforeAll
	void connect(TestKafka testKafka) {
		this.client = new IngestClient(this.port);
		this.kafka = new EventsOnKafka(testKafka);
	}

	@AfterAll
	void close() {
		this.kafka.close();
	}

	@Test
	void shouldAcceptASignedMailgunDeliveryAndRefuseABadOrStaleSignature() {
		String writeKey = webhookSource("mailgun", MAILGUN_KEY);
		String recipient = "mg-" + UUID.randomUUID() + "@example.com";
		ObjectNode body = WebhookFixtures.json("mailgun/delivered.json");
		((ObjectNode) body.get("event-data")).put("recipient", recipient);
		((ObjectNode) body.get("event-data")).put("id", "mg-" + UUID.randomUUID());

		Response signed = post("mailgun", writeKey, mailgunSigned(body, Instant.now(), MAILGUN_KEY), Map.of());
		Response forged = post("mailgun", writeKey, mailgunSigned(body, Instant.now(), "key-attacker"), Map.of());
		Response stale = post("mailgun", writeKey, mailgunSigned(body, Instant.now().minusSeconds(3600), MAILGUN_KEY),
				Map.of());

		assertThat(signed.status()).as(signed.text()).isEqualTo(200);
		CustomerEvent event = this.kafka.awaitEvents(1, (e) -> hasEmail(e, recipient)).get(0);
		assertThat(event.name()).isEqualTo("Email Delivered");
		assertThat(event.channel()).isEqualTo(Channel.EMAIL);
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.json().get("type").asString()).endsWith("/invalid-signature");
		assertThat(forged.text()).doesNotContain(MAILGUN_KEY);
		assertThat(stale.status()).isEqualTo(401);
	}

	@Test
	void shouldVerifyIntercomsHubSignatureOverTheRawBody() {
		String writeKey = webhookSource("intercom", INTERCOM_SECRET);
		byte[] body = WebhookFixtures.resource("intercom/conversation-user-created.json");
		String signature = "sha1=" + Signatures.hex(Signatures.hmacSha1(INTERCOM_SECRET, body));

		Response good = post("intercom", writeKey, body, Map.of("X-Hub-Signature", signature));
		Response bad = post("intercom", writeKey, body, Map.of("X-Hub-Signature", "sha1=" + "0".repeat(40)));

		assertThat(good.status()).as(good.text()).isEqualTo(200);
		assertThat(good.json().get("accepted").asInt()).isEqualTo(1);
		assertThat(bad.status()).isEqualTo(401);
	}

	@Test
	void shouldTakeAWriteKeyInTheQueryStringAndDeadLetterTheOneBadSendGridEvent() {
		String writeKey = webhookSource("sendgrid", null);
		byte[] body = WebhookFixtures.resource("sendgrid/mixed-with-bad-event.json");

		Response response = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/v1/webhooks/sendgrid?writeKey=" + writeKey))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected).hasSize(1);
		assertThat(response.json().get("accepted").asInt()).isGreaterThan(0);
		String reason = rejected.get(0).get("reason").asString();
		assertThat(this.kafka.awaitDeadLetters(1, (letter) -> letter.reason().equals(reason)).get(0).sourceId())
			.startsWith("src_");
	}

	@Test
	void shouldMapAZendeskTicketToTheSupportChannel() {
		String writeKey = webhookSource("zendesk", null);
		byte[] body = WebhookFixtures.resource("zendesk/ticket-created.json");

		Response response = post("zendesk", writeKey, body,
				Map.of("X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		List<CustomerEvent> events = this.kafka.awaitEvents(1,
				(e) -> "Ticket Created".equals(e.name()) && e.channel() == Channel.SUPPORT);
		assertThat(events.get(0).identifiers()).isNotEmpty();
	}

	@Test
	void shouldAnswerAnUnknownProviderWith404AndAnotherProvidersKeyWith401() {
		String mailgunKey = webhookSource("mailgun", null);

		Response unknown = post("fax", mailgunKey, "[]".getBytes(StandardCharsets.UTF_8), Map.of());
		Response wrongProvider = post("sendgrid", mailgunKey, "[]".getBytes(StandardCharsets.UTF_8), Map.of());

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("type").asString()).endsWith("/unknown-webhook-provider");
		assertThat(wrongProvider.status()).isEqualTo(401);
	}

	@Test
	void shouldRefuseAWebhookSourceForAProviderThatDoesNotExist() {
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\": \"Fax\", \"kind\": \"webhook\", \"provider\": \"fax\"}")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").has("provider")).isTrue();
	}

	@Test
	void shouldCheckTheProviderEvenWhenTheKindIsWrittenWithSpaces() {
		Response response = this.client.send(HttpRequest.newBuilder(this.client.uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\": \"Fax\", \"kind\": \" webhook \", \"provider\": \"fax\"}")));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").has("provider")).isTrue();
	}

	private String webhookSource(String provider, String signingSecret) {
		Map<String, Object> request = (signingSecret != null)
				? Map.of("name", provider, "kind", "webhook", "provider", provider, "signingSecret", signingSecret)
				: Map.of("name", provider, "kind", "webhook", "provider", provider);
		JsonNode created = this.client.createSource(request);
		assertThat(created.has("signingSecret")).isFalse();
		return created.get("writeKey").asString();
	}

	private Response post(String provider, String writeKey, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri("/v1/webhooks/" + provider))
			.header("Authorization", IngestClient.basic(writeKey))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return this.client.send(request);
	}

	private static byte[] mailgunSigned(ObjectNode template, Instant signedAt, String key) {
		ObjectNode body = template.deepCopy();
		String timestamp = Long.toString(signedAt.getEpochSecond());
		String token = UUID.randomUUID().toString().replace("-", "");
		ObjectNode signature = (ObjectNode) body.get("signature");
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature",
				Signatures.hex(Signatures.hmacSha256(key, (timestamp + token).getBytes(StandardCharsets.UTF_8))));
		return WebhookFixtures.bytes(body);
	}

	private static boolean hasEmail(CustomerEvent event, String email) {
		return event.identifiers().contains(new Identifier(IdentifierType.EMAIL, email));
	}

}
