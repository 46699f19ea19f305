package io.cdp.ingest.webhook.postmark;

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

/** Postmark's documented example payloads, as Postmark posts them. */
class PostmarkWebhookTests {

	private static final Identifier JOHN = new Identifier(IdentifierType.EMAIL, "john@example.com");

	private final PostmarkWebhookProvider provider = new PostmarkWebhookProvider();

	private final Source source = source("postmark", Channel.EMAIL, null);

	@ParameterizedTest
	@CsvSource({ "delivery.json, Email Delivered, 2019-11-05T16:33:54.907025900Z",
			"bounce.json, Email Bounced, 2019-11-05T16:33:54.907025900Z",
			"bounce-offset-time.json, Email Bounced, 2014-08-01T17:28:10.273539300Z",
			"open.json, Email Opened, 2019-11-05T16:33:54.907025900Z",
			"click.json, Email Link Clicked, 2017-10-25T15:21:11.906561900Z",
			"spam-complaint.json, Email Marked as Spam, 2019-11-05T16:33:54.907025900Z" })
	void shouldMapEveryRecordTypeToItsEventAboutTheRecipient(String file, String name, Instant occurredAt) {
		CustomerEvent event = single(read("postmark/" + file));

		assertThat(event.type()).isEqualTo(EventType.TRACK);
		assertThat(event.name()).isEqualTo(name);
		assertThat(event.identifiers()).containsExactly(JOHN);
		assertThat(event.occurredAt()).isEqualTo(occurredAt);
		assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
		assertThat(event.channel()).isEqualTo(Channel.EMAIL);
		assertThat(event.sourceId()).isEqualTo("postmark-source");
		assertThat(event.properties()).containsKey("message_id").doesNotContainKey("content");
	}

	@Test
	void shouldKeepTheDeliveryDetails() {
		CustomerEvent delivered = single(read("postmark/delivery.json"));

		assertThat(delivered.properties()).containsEntry("message_id", "883953f4-6105-42a2-a16a-77a8eac79483")
			.containsEntry("message_stream", "outbound")
			.containsEntry("details", "Test delivery webhook details")
			.containsEntry("tag", "welcome-email")
			.containsEntry("metadata", Map.of("a_key", "a_value", "b_key", "b_value"));
	}

	@Test
	void shouldKeepTheBounceTypeCodeAndDescriptionAndCallItHard() {
		CustomerEvent bounced = single(read("postmark/bounce.json"));

		assertThat(bounced.properties()).containsEntry("type", "HardBounce")
			.containsEntry("type_code", 1)
			.containsEntry("description",
					"The server was unable to deliver your message (ex: unknown user, mailbox not found).")
			.containsEntry("details", "Test bounce details")
			.containsEntry("bounce_id", "4323372036854775807")
			.containsEntry("bounce_class", "hard")
			.containsEntry("inactive", true)
			.containsEntry("can_activate", true)
			.containsEntry("subject", "Test subject");
	}

	@Test
	void shouldCallABounceThatLeavesTheAddressActiveSoft() {
		ObjectNode body = json("postmark/bounce.json");
		body.put("Type", "SoftBounce").put("TypeCode", 4096).put("Name", "Soft bounce").put("Inactive", false);

		CustomerEvent bounced = single(readJson(body));

		assertThat(bounced.name()).isEqualTo(PostmarkEvents.EMAIL_BOUNCED);
		assertThat(bounced.properties()).containsEntry("type", "SoftBounce")
			.containsEntry("type_code", 4096)
			.containsEntry("bounce_class", "soft")
			.containsEntry("inactive", false);
	}

	@Test
	void shouldKeepWhereAndWithWhatAnEmailWasOpened() {
		CustomerEvent opened = single(read("postmark/open.json"));

		assertThat(opened.properties()).containsEntry("first_open", true)
			.containsEntry("platform", "WebMail")
			.containsEntry("client", Map.of("Name", "Chrome 35.0.1916.153", "Company", "Google", "Family", "Chrome"))
			.containsEntry("os",
					Map.of("Name", "OS X 10.7 Lion", "Company", "Apple Computer, Inc.", "Family", "OS X 10"))
			.containsKey("useragent");
		assertThat(opened.properties().get("geo")).isInstanceOfSatisfying(Map.class,
				(geo) -> assertThat(geo).containsEntry("Country", "Serbia").containsEntry("City", "Novi Sad"));
	}

	@Test
	void shouldKeepTheClickedLinkAndWhereItWas() {
		CustomerEvent clicked = single(read("postmark/click.json"));

		assertThat(clicked.properties()).containsEntry("url", "https://example.com")
			.containsEntry("click_location", "HTML")
			.containsEntry("platform", "Desktop")
			.containsKey("geo");
	}

	@Test
	void shouldMapASpamComplaint() {
		CustomerEvent complaint = single(read("postmark/spam-complaint.json"));

		assertThat(complaint.properties()).containsEntry("type", "SpamComplaint")
			.containsEntry("type_code", 512)
			.containsEntry("bounce_id", "42")
			.doesNotContainKeys("description", "bounce_class");
	}

	@Test
	void shouldMapASuppressionToUnsubscribedWithItsReason() {
		CustomerEvent unsubscribed = single(read("postmark/subscription-change.json"));

		assertThat(unsubscribed.name()).isEqualTo(PostmarkEvents.UNSUBSCRIBED);
		assertThat(unsubscribed.identifiers())
			.containsExactly(new Identifier(IdentifierType.EMAIL, "bounced-address@wildbit.com"));
		assertThat(unsubscribed.occurredAt()).isEqualTo(Instant.parse("2020-02-01T10:53:34.416071Z"));
		assertThat(unsubscribed.properties()).containsEntry("suppress_sending", true)
			.containsEntry("suppression_reason", "HardBounce")
			.containsEntry("origin", "Recipient");
	}

	@Test
	void shouldMapAReactivationToResubscribed() {
		ObjectNode body = json("postmark/subscription-change.json");
		body.put("SuppressSending", false).put("SuppressionReason", "ManualSuppression").putNull("MessageID");
		body.putNull("Tag");
		body.putObject("Metadata");

		CustomerEvent resubscribed = single(readJson(body));

		assertThat(resubscribed.name()).isEqualTo(PostmarkEvents.RESUBSCRIBED);
		assertThat(resubscribed.properties()).containsEntry("suppress_sending", false)
			.containsEntry("suppression_reason", "ManualSuppression")
			.doesNotContainKeys("message_id", "tag");
	}

	@Test
	void shouldRejectASubscriptionChangeWithoutItsDirection() {
		ObjectNode missing = json("postmark/subscription-change.json");
		missing.remove("SuppressSending");
		ObjectNode text = json("postmark/subscription-change.json");
		text.put("SuppressSending", "yes");

		assertThat(rejected(readJson(missing).get(0)).field()).isEqualTo("SuppressSending");
		assertThat(rejected(readJson(text).get(0)).field()).isEqualTo("SuppressSending");
	}

	@Test
	void shouldGiveARedeliveryTheSameMessageId() {
		byte[] body = resource("postmark/open.json");

		String first = single(this.provider.read(request(body, Map.of()), this.source)).messageId();
		String redelivered = single(
				this.provider.read(request(body, Map.of(), RECEIVED_AT.plusSeconds(300)), this.source))
			.messageId();

		assertThat(redelivered).isEqualTo(first);
	}

	@Test
	void shouldGiveEveryRecordOfOneMessageItsOwnMessageId() {
		List<String> ids = List
			.of("delivery.json", "bounce.json", "open.json", "spam-complaint.json", "subscription-change.json",
					"click.json")
			.stream()
			.map((file) -> single(read("postmark/" + file)).messageId())
			.toList();
		ObjectNode laterOpen = json("postmark/open.json");
		laterOpen.put("ReceivedAt", "2019-11-05T17:01:02.1234567Z").put("FirstOpen", false);
		ObjectNode otherLink = json("postmark/click.json");
		otherLink.put("OriginalLink", "https://example.com/pricing");

		assertThat(ids).doesNotHaveDuplicates();
		assertThat(single(readJson(laterOpen)).messageId()).isNotIn(ids);
		assertThat(single(readJson(otherLink)).messageId()).isNotIn(ids);
	}

	@Test
	void shouldRejectARecordWithoutItsTimeOrWithATimeWithoutOffset() {
		ObjectNode missing = json("postmark/delivery.json");
		missing.remove("DeliveredAt");
		ObjectNode local = json("postmark/delivery.json");
		local.put("DeliveredAt", "2019-11-05T16:33:54");

		assertThat(rejected(readJson(missing).get(0)).field()).isEqualTo("DeliveredAt");
		assertThat(rejected(readJson(local).get(0)).field()).isEqualTo("DeliveredAt");
	}

	@Test
	void shouldRejectARecordWithoutARecipient() {
		ObjectNode body = json("postmark/bounce.json");
		body.remove("Email");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("Email");
	}

	@Test
	void shouldRejectARecordTypeItDoesNotRead() {
		ObjectNode body = json("postmark/delivery.json");
		body.put("RecordType", "Inbound");

		MessageOutcome.Rejected rejection = rejected(readJson(body).get(0));

		assertThat(rejection.field()).isEqualTo("RecordType");
		assertThat(rejection.reason()).contains("Inbound");
		assertThat(rejection.payload()).contains("883953f4-6105-42a2-a16a-77a8eac79483");
	}

	@Test
	void shouldRejectABodyThatIsNoRecordAsAWhole() {
		List<MessageOutcome> notJson = this.provider.read(request(bytes("RecordType=Open"), Map.of()), this.source);
		List<MessageOutcome> array = this.provider.read(request(bytes("[{\"RecordType\": \"Open\"}]"), Map.of()),
				this.source);

		assertThat(notJson).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
		assertThat(array).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
	}

	private List<MessageOutcome> read(String resource) {
		return this.provider.read(request(resource(resource), Map.of()), this.source);
	}

	private List<MessageOutcome> readJson(ObjectNode body) {
		return this.provider.read(request(bytes(body), Map.of()), this.source);
	}

}
