package io.cdp.ingest.webhook.mailgun;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

import static io.cdp.ingest.webhook.WebhookFixtures.RECEIVED_AT;
import static io.cdp.ingest.webhook.WebhookFixtures.bytes;
import static io.cdp.ingest.webhook.WebhookFixtures.json;
import static io.cdp.ingest.webhook.WebhookFixtures.rejected;
import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.single;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

class MailgunWebhookTests {

	private final MailgunWebhookProvider provider = new MailgunWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("mailgun", Channel.EMAIL, null);

	@ParameterizedTest
	@CsvSource({ "delivered.json, Email Delivered, CPgfbmQMTCKtHW6uIWtuVe, 1521472262.908181",
			"opened.json, Email Opened, Ase7i2zsRYeDXztHGENqRA, 1521472300.118302",
			"clicked.json, Email Link Clicked, Ase7i2zsRYeDXztHGENqRB, 1521472310.5",
			"failed-permanent.json, Email Bounced, G9Bn5sl1TC6nu79C8C0bwg, 1521472400",
			"failed-temporary.json, Email Deferred, Fs7-5t81S2ufUkO5Aq1Fjw, 1521472401",
			"complained.json, Email Marked as Spam, -Agny091SquKnsrW2NEKUA, 1521472500",
			"unsubscribed.json, Unsubscribed, W3X4JOhFT-OZidZGKKr9iA, 1521472600",
			"accepted.json, Email Processed, jE6vYqfYQSa1MApKXQwE4A, 1521472200.25" })
	void shouldMapEveryEventTypeToItsName(String file, String name, String eventId, String seconds) {
		CustomerEvent event = single(read("mailgun/" + file));

		assertThat(event.type()).isEqualTo(EventType.TRACK);
		assertThat(event.name()).isEqualTo(name);
		assertThat(event.messageId()).isEqualTo(eventId);
		assertThat(event.occurredAt()).isEqualTo(epochSeconds(seconds));
		assertThat(event.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "alice@example.com"));
		assertThat(event.sourceId()).isEqualTo("mailgun-source");
		assertThat(event.channel()).isEqualTo(Channel.EMAIL);
		assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
	}

	@Test
	void shouldMapADeliveryWithMicrosecondTimeAndMessageDetails() {
		CustomerEvent delivered = single(read("mailgun/delivered.json"));

		assertThat(delivered.occurredAt()).isEqualTo(Instant.parse("2018-03-19T15:11:02.908181Z"));
		assertThat(delivered.properties())
			.containsEntry("message_id", "20180319151102.1.B8F4D2D8A8D6B3B5@mg.example.com")
			.containsEntry("subject", "Your order has shipped")
			.containsEntry("status", 250)
			.containsEntry("tags", List.of("shipping", "transactional"))
			.containsEntry("user_variables", Map.of("order_id", "A-1042"));
		assertThat(delivered.context()).containsEntry("integration", Map.of("name", "mailgun", "event", "delivered"));
	}

	@Test
	void shouldKeepTheUrlOfAClick() {
		CustomerEvent clicked = single(read("mailgun/clicked.json"));

		assertThat(clicked.properties()).containsEntry("url", "https://shop.example.com/orders/A-1042")
			.containsEntry("ip", "203.0.113.7")
			.containsKey("useragent");
	}

	@Test
	void shouldMapAPermanentFailureToABounceWithItsReason() {
		CustomerEvent bounce = single(read("mailgun/failed-permanent.json"));

		assertThat(bounce.properties()).containsEntry("severity", "permanent")
			.containsEntry("reason", "bounce")
			.containsEntry("status", 550)
			.containsEntry("response", "5.1.1 The email account that you tried to reach does not exist");
	}

	@Test
	void shouldMapAFailureWithoutSeverityToEmailFailed() {
		ObjectNode body = json("mailgun/failed-permanent.json");
		((ObjectNode) body.get("event-data")).remove("severity");

		assertThat(single(this.provider.read(request(bytes(body), Map.of()), this.unsigned)).name())
			.isEqualTo(MailgunEvents.EMAIL_FAILED)
			.isEqualTo("Email Failed");
	}

	@Test
	void shouldGiveARedeliveryTheSameMessageId() {
		byte[] body = resource("mailgun/opened.json");

		String first = single(this.provider.read(request(body, Map.of()), this.unsigned)).messageId();
		String redelivered = single(
				this.provider.read(request(body, Map.of(), RECEIVED_AT.plusSeconds(600)), this.unsigned))
			.messageId();

		assertThat(redelivered).isEqualTo(first);
	}

	@Test
	void shouldDeriveAStableMessageIdWhenTheEventHasNoId() {
		ObjectNode body = json("mailgun/opened.json");
		((ObjectNode) body.get("event-data")).remove("id");
		ObjectNode other = json("mailgun/clicked.json");
		((ObjectNode) other.get("event-data")).remove("id");

		String first = single(this.provider.read(request(bytes(body), Map.of()), this.unsigned)).messageId();
		String again = single(this.provider.read(request(bytes(body), Map.of()), this.unsigned)).messageId();
		String click = single(this.provider.read(request(bytes(other), Map.of()), this.unsigned)).messageId();

		assertThat(again).isEqualTo(first).isNotEqualTo(click);
	}

	@Test
	void shouldRejectAnEventWithoutRecipient() {
		ObjectNode body = json("mailgun/delivered.json");
		((ObjectNode) body.get("event-data")).remove("recipient");

		List<MessageOutcome> outcomes = this.provider.read(request(bytes(body), Map.of()), this.unsigned);

		assertThat(outcomes).hasSize(1);
		assertThat(rejected(outcomes.get(0)).field()).isEqualTo("event-data.recipient");
		assertThat(rejected(outcomes.get(0)).payload()).contains("CPgfbmQMTCKtHW6uIWtuVe");
	}

	@Test
	void shouldRejectAnUnknownEventTypeOrAWrongTimestamp() {
		ObjectNode unknown = json("mailgun/delivered.json");
		((ObjectNode) unknown.get("event-data")).put("event", "stored");
		ObjectNode badTime = json("mailgun/delivered.json");
		((ObjectNode) badTime.get("event-data")).putObject("timestamp");

		assertThat(rejected(this.provider.read(request(bytes(unknown), Map.of()), this.unsigned).get(0)).field())
			.isEqualTo("event-data.event");
		assertThat(rejected(this.provider.read(request(bytes(badTime), Map.of()), this.unsigned).get(0)).field())
			.isEqualTo("event-data.timestamp");
	}

	@Test
	void shouldRejectABodyThatIsNotJsonAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("event=delivered&recipient=alice"), Map.of()),
				this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> {
			assertThat(rejected(outcome).field()).isNull();
			assertThat(rejected(outcome).payload()).isEqualTo("event=delivered&recipient=alice");
		});
	}

	@Test
	void shouldRejectJsonWithoutEventDataAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("[{\"event\": \"delivered\"}]"), Map.of()),
				this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
	}

	private List<MessageOutcome> read(String resource) {
		return this.provider.read(request(resource(resource), Map.of()), this.unsigned);
	}

	private static Instant epochSeconds(String seconds) {
		String[] parts = (seconds + ".0").split("\\.");
		String fraction = (parts[1] + "000000000").substring(0, 9);
		return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(fraction));
	}

}
