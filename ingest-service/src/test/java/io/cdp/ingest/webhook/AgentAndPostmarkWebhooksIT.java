package io.cdp.ingest.webhook;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intercom's agent topics and Postmark's records over real HTTP into the real broker:
 * each provider's authentication, the canonical event each payload becomes, and the same
 * message id when the provider delivers a payload again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentAndPostmarkWebhooksIT {

	private static final String INTERCOM_SECRET = "intercom-client-secret";

	private static final String POSTMARK_PASSWORD = "postmark-basic-password";

	private static final Identifier ADA = new Identifier(IdentifierType.EMAIL, "ada@example.com");

	private static final Identifier NADIA = new Identifier(IdentifierType.EMAIL, "nadia@example.com");

	private static final Identifier JOHN = new Identifier(IdentifierType.EMAIL, "john@example.com");

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
	void shouldPutAgentActionsOnTheCustomersHistoryAndNeverTheAgent() {
		JsonNode source = webhookSource("intercom", INTERCOM_SECRET);

		CustomerEvent reply = deliveredTwice(source, "intercom/conversation-admin-replied.json",
				"Conversation Replied");
		CustomerEvent assigned = deliveredTwice(source, "intercom/conversation-admin-assigned.json",
				"Conversation Assigned");
		CustomerEvent snoozed = deliveredTwice(source, "intercom/conversation-admin-snoozed.json",
				"Conversation Snoozed");

		assertThat(reply.messageId()).isEqualTo("notif_5b0f3a1e-8c2d-4e7f-9a61-2d3c4b5a6f70");
		assertThat(reply.channel()).isEqualTo(Channel.SUPPORT);
		assertThat(reply.identifiers()).contains(ADA);
		assertThat(reply.properties()).containsEntry("author", "agent")
			.containsEntry("agent_id", "991267")
			.containsEntry("agent_name", "Grace Hopper")
			.containsEntry("conversation_id", "5547");
		assertThat(assigned.identifiers()).contains(NADIA);
		assertThat(assigned.properties()).containsEntry("assignee_id", "1957471")
			.containsEntry("assignee_type", "admin")
			.containsEntry("conversation_id", "21322009097");
		assertThat(snoozed.identifiers()).contains(NADIA);
		assertThat(snoozed.properties()).containsEntry("snoozed_until", "2019-03-25T11:30:00Z");
		assertThat(List.of(reply, assigned, snoozed))
			.allSatisfy((event) -> assertThat(event.identifiers()).extracting(Identifier::value)
				.doesNotContain("grace@support.example.com", "991267", "1957471"));
	}

	@Test
	void shouldMapEveryPostmarkRecordAndAuthenticateByTheBasicPassword() {
		JsonNode source = webhookSource("postmark", POSTMARK_PASSWORD);

		CustomerEvent delivered = deliveredTwice(source, "postmark/delivery.json", "Email Delivered");
		CustomerEvent bounced = deliveredTwice(source, "postmark/bounce.json", "Email Bounced");
		CustomerEvent opened = deliveredTwice(source, "postmark/open.json", "Email Opened");
		CustomerEvent clicked = deliveredTwice(source, "postmark/click.json", "Email Link Clicked");
		CustomerEvent complained = deliveredTwice(source, "postmark/spam-complaint.json", "Email Marked as Spam");
		CustomerEvent unsubscribed = deliveredTwice(source, "postmark/subscription-change.json", "Unsubscribed");

		assertThat(List.of(delivered, bounced, opened, clicked, complained))
			.allSatisfy((event) -> assertThat(event.identifiers()).containsExactly(JOHN))
			.allSatisfy((event) -> assertThat(event.channel()).isEqualTo(Channel.EMAIL));
		assertThat(delivered.occurredAt()).isEqualTo(Instant.parse("2019-11-05T16:33:54.9070259Z"));
		assertThat(bounced.properties()).containsEntry("type", "HardBounce")
			.containsEntry("type_code", 1)
			.containsEntry("bounce_class", "hard");
		assertThat(opened.properties()).containsEntry("platform", "WebMail").containsKey("geo");
		assertThat(clicked.properties()).containsEntry("url", "https://example.com")
			.containsEntry("click_location", "HTML");
		assertThat(complained.properties()).containsEntry("type_code", 512);
		assertThat(unsubscribed.identifiers())
			.containsExactly(new Identifier(IdentifierType.EMAIL, "bounced-address@wildbit.com"));
		assertThat(unsubscribed.properties()).containsEntry("suppression_reason", "HardBounce");
		assertThat(List.of(delivered, bounced, opened, clicked, complained, unsubscribed))
			.extracting(CustomerEvent::messageId)
			.doesNotHaveDuplicates();
	}

	@Test
	void shouldRefuseAPostmarkCallWithoutTheRightPassword() {
		JsonNode source = webhookSource("postmark", POSTMARK_PASSWORD);
		String writeKey = source.get("writeKey").asString();
		byte[] body = WebhookFixtures.resource("postmark/delivery.json");

		Response wrong = post("postmark", basic(writeKey, "guess"), body, Map.of());
		Response none = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/v1/webhooks/postmark?writeKey=" + writeKey))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));

		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().get("type").asString()).endsWith("/invalid-signature");
		assertThat(wrong.text()).doesNotContain(POSTMARK_PASSWORD);
		assertThat(none.status()).isEqualTo(401);
	}

	/**
	 * Posts a payload twice, as a provider redelivers it, and returns its event after
	 * checking that both deliveries reached the topic under one message id.
	 */
	private CustomerEvent deliveredTwice(JsonNode source, String payload, String name) {
		String sourceId = source.get("id").asString();
		byte[] body = WebhookFixtures.resource(payload);
		for (int delivery = 0; delivery < 2; delivery++) {
			Response response = post(source.get("provider").asString(), authorization(source), body,
					signatureHeaders(source, body));
			assertThat(response.status()).as(response.text()).isEqualTo(200);
			assertThat(response.json().get("accepted").asInt()).as(response.text()).isEqualTo(1);
		}
		List<ConsumerRecord<String, CustomerEvent>> records = this.kafka.awaitRecords(2,
				(event) -> sourceId.equals(event.sourceId()) && name.equals(event.name()));
		assertThat(records).hasSize(2);
		assertThat(records).extracting(ConsumerRecord::key).containsOnly(records.get(0).value().messageId());
		return records.get(0).value();
	}

	private JsonNode webhookSource(String provider, String signingSecret) {
		return this.client.createSource(
				Map.of("name", provider, "kind", "webhook", "provider", provider, "signingSecret", signingSecret));
	}

	private static String authorization(JsonNode source) {
		String writeKey = source.get("writeKey").asString();
		return "postmark".equals(source.get("provider").asString()) ? basic(writeKey, POSTMARK_PASSWORD)
				: IngestClient.basic(writeKey);
	}

	private static Map<String, String> signatureHeaders(JsonNode source, byte[] body) {
		return "intercom".equals(source.get("provider").asString())
				? Map.of("X-Hub-Signature", "sha1=" + Signatures.hex(Signatures.hmacSha1(INTERCOM_SECRET, body)))
				: Map.of();
	}

	private Response post(String provider, String authorization, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri("/v1/webhooks/" + provider))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return this.client.send(request);
	}

	/** HTTP Basic as Postmark sends the credentials of {@code https://user:pass@host}. */
	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
