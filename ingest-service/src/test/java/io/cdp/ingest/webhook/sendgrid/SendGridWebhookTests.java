package io.cdp.ingest.webhook.sendgrid;

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

import static io.cdp.ingest.webhook.WebhookFixtures.RECEIVED_AT;
import static io.cdp.ingest.webhook.WebhookFixtures.accepted;
import static io.cdp.ingest.webhook.WebhookFixtures.bytes;
import static io.cdp.ingest.webhook.WebhookFixtures.rejected;
import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

class SendGridWebhookTests {

	private final SendGridWebhookProvider provider = new SendGridWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("sendgrid", Channel.EMAIL, null);

	@Test
	void shouldMapEveryEventTypeToItsName() {
		List<CustomerEvent> events = accepted(read("sendgrid/events.json"));

		assertThat(events).extracting(CustomerEvent::name)
			.containsExactly(SendGridEvents.EMAIL_PROCESSED, SendGridEvents.EMAIL_DEFERRED,
					SendGridEvents.EMAIL_DELIVERED, SendGridEvents.EMAIL_OPENED, SendGridEvents.EMAIL_LINK_CLICKED,
					SendGridEvents.EMAIL_BOUNCED, SendGridEvents.EMAIL_DROPPED, SendGridEvents.EMAIL_MARKED_AS_SPAM,
					SendGridEvents.UNSUBSCRIBED, SendGridEvents.GROUP_UNSUBSCRIBED, SendGridEvents.GROUP_RESUBSCRIBED);
		assertThat(events).extracting(CustomerEvent::name)
			.containsExactly("Email Processed", "Email Deferred", "Email Delivered", "Email Opened",
					"Email Link Clicked", "Email Bounced", "Email Dropped", "Email Marked as Spam", "Unsubscribed",
					"Group Unsubscribed", "Group Resubscribed");
		assertThat(events).extracting(CustomerEvent::type).containsOnly(EventType.TRACK);
		assertThat(events).extracting(CustomerEvent::messageId)
			.containsExactly("rbtnWrG1DVDGGGFHFyun0A", "t7LEShmowp86DTdUW8M-GQ", "sjBo1OsjRGWPG1vC6zfDSw",
					"FOTFFO0ecsBE-zxFXfs6WA", "kCAi1KttyQdEKHhdC-nuEA", "6g4ZI7SA-xmRDv57GoPIPw",
					"zmzJhfJgAfUSOW80yEbPyw", "37nvH5QBz858KGVYCM4uOA", "Krfn-jQfDKO9rr0f9ZiPrQ",
					"ahSCB7xYcXFb-hEaawsPRw", "w_u0vJhLT-OFfprar5N93g");
		assertThat(events).extracting(CustomerEvent::occurredAt)
			.containsExactly(seconds(1513299569), seconds(1513299570), seconds(1513299571), seconds(1513299572),
					seconds(1513299573), seconds(1513299574), seconds(1513299575), seconds(1513299576),
					seconds(1513299577), seconds(1513299578), seconds(1513299579));
	}

	@Test
	void shouldMapAnOpenToEmailOpened() {
		CustomerEvent open = accepted(read("sendgrid/events.json")).get(3);

		assertThat(open.type()).isEqualTo(EventType.TRACK);
		assertThat(open.name()).isEqualTo("Email Opened");
		assertThat(open.messageId()).isEqualTo("FOTFFO0ecsBE-zxFXfs6WA");
		assertThat(open.occurredAt()).isEqualTo(Instant.parse("2017-12-15T00:59:32Z"));
		assertThat(open.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "ada@example.com"));
		assertThat(open.properties())
			.containsEntry("sg_message_id", "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0")
			.containsEntry("ip", "203.0.113.7")
			.containsEntry("sg_machine_open", false)
			.containsEntry("category", "welcome")
			.containsKey("useragent")
			.doesNotContainKeys("smtp-id", "email", "timestamp");
		assertThat(open.context()).containsEntry("integration", Map.of("name", "sendgrid", "event", "open"));
	}

	@Test
	void shouldTakeSourceIdChannelAndReceivedAtFromTheCall() {
		Source support = source("sendgrid", Channel.SUPPORT, null);

		CustomerEvent event = accepted(this.provider.read(request(resource("sendgrid/events.json"), Map.of()), support))
			.get(0);

		assertThat(event.sourceId()).isEqualTo("sendgrid-source");
		assertThat(event.channel()).isEqualTo(Channel.SUPPORT);
		assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
		assertThat(this.provider.name()).isEqualTo("sendgrid");
		assertThat(this.provider.defaultChannel()).isEqualTo(Channel.EMAIL);
	}

	@Test
	void shouldKeepTheUrlOfAClick() {
		CustomerEvent click = accepted(read("sendgrid/events.json")).get(4);

		assertThat(click.name()).isEqualTo("Email Link Clicked");
		assertThat(click.properties()).containsEntry("url", "https://shop.example.com/welcome?utm_source=email");
	}

	@Test
	void shouldKeepReasonStatusAndTypeOfABounce() {
		CustomerEvent bounce = accepted(read("sendgrid/events.json")).get(5);

		assertThat(bounce.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "grace@example.com"));
		assertThat(bounce.properties()).containsEntry("reason", "500 unknown recipient")
			.containsEntry("status", "5.0.0")
			.containsEntry("type", "bounce")
			.containsEntry("bounce_classification", "Invalid Address")
			.containsEntry("category", List.of("welcome", "onboarding"));
	}

	@Test
	void shouldKeepTheAsmGroupOfAGroupUnsubscribe() {
		CustomerEvent unsubscribe = accepted(read("sendgrid/events.json")).get(9);

		assertThat(unsubscribe.properties()).containsEntry("asm_group_id", 10);
	}

	@Test
	void shouldGiveARedeliveryTheSameMessageIds() {
		byte[] body = resource("sendgrid/events.json");

		List<String> first = ids(this.provider.read(request(body, Map.of()), this.unsigned));
		List<String> redelivered = ids(
				this.provider.read(request(body, Map.of(), RECEIVED_AT.plusSeconds(3600)), this.unsigned));

		assertThat(redelivered).isEqualTo(first).doesNotHaveDuplicates();
	}

	@Test
	void shouldDeriveAStableMessageIdWhenAnEventHasNoEventId() {
		byte[] body = bytes("""
				[{"email": "ada@example.com", "timestamp": 1513299572, "event": "open",
				  "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
				 {"email": "ada@example.com", "timestamp": 1513299590, "event": "open",
				  "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}]""");

		List<String> first = ids(this.provider.read(request(body, Map.of()), this.unsigned));
		List<String> again = ids(this.provider.read(request(body, Map.of()), this.unsigned));

		assertThat(first).isEqualTo(again).doesNotHaveDuplicates();
	}

	@Test
	void shouldRejectAnEventWithoutEmailAndAcceptItsSiblings() {
		List<MessageOutcome> outcomes = read("sendgrid/mixed-with-bad-event.json");

		assertThat(outcomes).hasSize(3);
		assertThat(outcomes.get(0)).isInstanceOf(MessageOutcome.Accepted.class);
		assertThat(outcomes.get(2)).isInstanceOf(MessageOutcome.Accepted.class);
		MessageOutcome.Rejected rejection = rejected(outcomes.get(1));
		assertThat(rejection.field()).isEqualTo("email");
		assertThat(rejection.reason()).contains("email");
		assertThat(rejection.payload()).contains("FOTFFO0ecsBE-zxFXfs6WA").doesNotContain("sjBo1OsjRGWPG1vC6zfDSw");
	}

	@Test
	void shouldRejectAnUnknownEventType() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("""
				[{"email": "ada@example.com", "timestamp": 1513299572, "event": "machine_opened",
				  "sg_event_id": "x1"}]"""), Map.of()), this.unsigned);

		assertThat(rejected(outcomes.get(0)).field()).isEqualTo("event");
		assertThat(rejected(outcomes.get(0)).reason()).contains("machine_opened");
	}

	@Test
	void shouldRejectATimestampThatIsNotSeconds() {
		List<MessageOutcome> outcomes = this.provider.read(request(
				bytes("""
						[{"email": "ada@example.com", "timestamp": "yesterday", "event": "open", "sg_event_id": "x1"},
						 {"email": {"address": "ada@example.com"}, "timestamp": 1513299572, "event": "open", "sg_event_id": "x2"},
						 "not an event"]"""),
				Map.of()), this.unsigned);

		assertThat(outcomes).map((outcome) -> rejected(outcome).field()).containsExactly("timestamp", "email", null);
	}

	@Test
	void shouldRejectABodyThatIsNotJsonAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("email=ada@example.com&event=open"), Map.of()),
				this.unsigned);

		assertThat(outcomes).hasSize(1);
		assertThat(rejected(outcomes.get(0)).field()).isNull();
		assertThat(rejected(outcomes.get(0)).payload()).isEqualTo("email=ada@example.com&event=open");
	}

	@Test
	void shouldRejectASingleObjectInsteadOfAnArrayAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("""
				{"email": "ada@example.com", "timestamp": 1513299572, "event": "open"}"""), Map.of()), this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
	}

	private List<MessageOutcome> read(String resource) {
		return this.provider.read(request(resource(resource), Map.of()), this.unsigned);
	}

	private static List<String> ids(List<MessageOutcome> outcomes) {
		return accepted(outcomes).stream().map(CustomerEvent::messageId).toList();
	}

	private static Instant seconds(long epochSeconds) {
		return Instant.ofEpochSecond(epochSeconds);
	}

}
