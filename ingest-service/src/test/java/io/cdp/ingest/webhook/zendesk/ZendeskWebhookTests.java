package io.cdp.ingest.webhook.zendesk;

import java.nio.charset.StandardCharsets;
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

class ZendeskWebhookTests {

	private static final IdentifierType ZENDESK_USER_ID = IdentifierType.of("zendesk_user_id");

	private final ZendeskWebhookProvider provider = new ZendeskWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("zendesk", Channel.SUPPORT, null);

	@ParameterizedTest
	@CsvSource({ "ticket-created.json, Ticket Created, 2025-02-28T09:12:44Z, new",
			"ticket-updated.json, Ticket Updated, 2025-02-28T10:03:00Z, open",
			"ticket-solved.json, Ticket Solved, 2025-02-28T15:40:02Z, solved",
			"satisfaction-rated.json, Satisfaction Rated, 2025-03-01T08:20:11Z, solved" })
	void shouldMapEveryTriggerEventToItsName(String file, String name, Instant occurredAt, String status) {
		CustomerEvent event = single(read("zendesk/" + file, Map.of()));

		assertThat(event.type()).isEqualTo(EventType.TRACK);
		assertThat(event.name()).isEqualTo(name);
		assertThat(event.occurredAt()).isEqualTo(occurredAt);
		assertThat(event.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "ada@example.com"),
				new Identifier(IdentifierType.PHONE, "+44 20 7946 0958"),
				new Identifier(IdentifierType.USER_ID, "u-42"), new Identifier(ZENDESK_USER_ID, "20978392"));
		assertThat(event.properties()).containsEntry("ticket_id", "35436")
			.containsEntry("status", status)
			.containsEntry("subject", "Order A-1042 arrived damaged")
			.containsEntry("priority", "high");
		assertThat(event.context()).containsEntry("traits", Map.of("name", "Ada Lovelace"));
		assertThat(event.sourceId()).isEqualTo("zendesk-source");
		assertThat(event.channel()).isEqualTo(Channel.SUPPORT);
		assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
	}

	@Test
	void shouldMapAGoodRatingToScoreOneWithTheRawRatingAndComment() {
		CustomerEvent rated = single(read("zendesk/satisfaction-rated.json", Map.of()));

		assertThat(rated.name()).isEqualTo(ZendeskEvents.SATISFACTION_RATED);
		assertThat(rated.properties()).containsEntry("score", 1)
			.containsEntry("rating", "Good, I'm satisfied")
			.containsEntry("comment", "Replacement arrived the next day, thanks!");
	}

	@ParameterizedTest
	@CsvSource({ "good, 1", "bad, 0", "'Bad, I''m unsatisfied', 0", "4, 4" })
	void shouldScoreEachKindOfRating(String rating, int score) {
		ObjectNode body = json("zendesk/satisfaction-rated.json");
		((ObjectNode) body.at("/ticket/satisfaction")).put("score", rating);

		assertThat(single(readJson(body)).properties()).containsEntry("score", score).containsEntry("rating", rating);
	}

	@Test
	void shouldRejectARatingThatIsNotARatingYet() {
		ObjectNode body = json("zendesk/satisfaction-rated.json");
		((ObjectNode) body.at("/ticket/satisfaction")).put("score", "offered");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("ticket.satisfaction.score");
	}

	@Test
	void shouldMapTheDocumentedTriggerBodyOnceZendeskFillsItsPlaceholders() {
		String template = new String(resource("zendesk/trigger-body.json"), StandardCharsets.UTF_8);
		String rendered = template.replace("{{ticket.id}}", "35436")
			.replace("{{ticket.status}}", "Open")
			.replace("{{ticket.title}}", "Where is my order?")
			.replace("{{ticket.priority}}", "Normal")
			.replace("{{ticket.created_at_with_timestamp}}", "2025-02-28T09:12Z")
			.replace("{{ticket.updated_at_with_timestamp}}", "2025-02-28T09:12Z")
			.replace("{{satisfaction.current_rating}}", "")
			.replace("{{satisfaction.current_comment}}", "")
			.replace("{{ticket.requester.id}}", "20978392")
			.replace("{{ticket.requester.email}}", "ada@example.com")
			.replace("{{ticket.requester.phone}}", "")
			.replace("{{ticket.requester.external_id}}", "")
			.replace("{{ticket.requester.name}}", "Ada Lovelace");

		CustomerEvent event = single(this.provider.read(request(bytes(rendered), Map.of()), this.unsigned));

		assertThat(rendered).doesNotContain("{{");
		assertThat(event.name()).isEqualTo("Ticket Created");
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-02-28T09:12:00Z"));
		assertThat(event.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "ada@example.com"),
				new Identifier(ZENDESK_USER_ID, "20978392"));
	}

	@Test
	void shouldGiveARetryOfOneInvocationTheSameMessageId() {
		byte[] body = resource("zendesk/ticket-updated.json");
		Map<String, String> invocation = Map.of(ZendeskWebhookProvider.INVOCATION_HEADER, "8350205582");

		String first = single(this.provider.read(request(body, invocation), this.unsigned)).messageId();
		String retry = single(this.provider.read(request(body, invocation, RECEIVED_AT.plusSeconds(90)), this.unsigned))
			.messageId();
		String nextFiring = single(this.provider
			.read(request(body, Map.of(ZendeskWebhookProvider.INVOCATION_HEADER, "8350205583")), this.unsigned))
			.messageId();

		assertThat(retry).isEqualTo(first);
		assertThat(nextFiring).isNotEqualTo(first);
	}

	@Test
	void shouldDeriveTheMessageIdFromTheBodyWithoutAnInvocationId() {
		String created = single(read("zendesk/ticket-created.json", Map.of())).messageId();
		String createdAgain = single(read("zendesk/ticket-created.json", Map.of())).messageId();
		String solved = single(read("zendesk/ticket-solved.json", Map.of())).messageId();

		assertThat(createdAgain).isEqualTo(created);
		assertThat(solved).isNotEqualTo(created);
	}

	@Test
	void shouldRejectAnUnknownTriggerEvent() {
		ObjectNode body = json("zendesk/ticket-created.json");
		body.put("event", "ticket.deleted");

		MessageOutcome.Rejected rejection = rejected(readJson(body).get(0));

		assertThat(rejection.field()).isEqualTo("event");
		assertThat(rejection.reason()).contains("ticket.deleted").contains("ticket.created");
		assertThat(rejection.payload()).contains("ticket.deleted");
	}

	@Test
	void shouldRejectARequesterWithoutAnyIdentifier() {
		ObjectNode body = json("zendesk/ticket-created.json");
		ObjectNode requester = (ObjectNode) body.at("/ticket/requester");
		requester.removeAll();
		requester.put("name", "Ada Lovelace").put("email", "");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("ticket.requester");
	}

	@Test
	void shouldRejectATimeThatIsNotIso8601() {
		ObjectNode body = json("zendesk/ticket-updated.json");
		((ObjectNode) body.get("ticket")).put("updated_at", "February 28, 2025 10:03");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("ticket.updated_at");
	}

	@Test
	void shouldMapATicketCreatedEvent() {
		CustomerEvent created = single(read("zendesk/event-ticket-created.json", Map.of()));

		assertThat(created.name()).isEqualTo("Ticket Created");
		assertThat(created.messageId()).isEqualTo("cbe4028c-7239-495d-b020-f22348516046");
		assertThat(created.occurredAt()).isEqualTo(Instant.parse("2025-02-28T09:12:44.672717030Z"));
		assertThat(created.identifiers()).containsExactly(new Identifier(ZENDESK_USER_ID, "20978392"));
		assertThat(created.properties()).containsEntry("ticket_id", "35436")
			.containsEntry("status", "NEW")
			.doesNotContainKey("change");
	}

	@Test
	void shouldMapAStatusChangeToSolvedToTicketSolved() {
		CustomerEvent solved = single(read("zendesk/event-ticket-status-solved.json", Map.of()));

		assertThat(solved.name()).isEqualTo("Ticket Solved");
		assertThat(solved.messageId()).isEqualTo("5f1c0d2e-9a4b-4c1e-8f7a-2b3c4d5e6f70");
		assertThat(solved.properties()).containsEntry("status", "SOLVED").containsEntry("change", "status_changed");
	}

	@Test
	void shouldMapAnyOtherTicketChangeToTicketUpdated() {
		CustomerEvent updated = single(read("zendesk/event-ticket-priority-changed.json", Map.of()));

		assertThat(updated.name()).isEqualTo("Ticket Updated");
		assertThat(updated.properties()).containsEntry("priority", "URGENT")
			.containsEntry("change", "priority_changed");
	}

	@Test
	void shouldRejectAnEventThatIsNotATicketEvent() {
		MessageOutcome.Rejected rejection = rejected(read("zendesk/event-user-active-changed.json", Map.of()).get(0));

		assertThat(rejection.field()).isEqualTo("type");
		assertThat(rejection.reason()).contains("zen:event-type:user.active_changed");
	}

	@Test
	void shouldRejectABodyThatIsNotJsonAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("<ticket id=\"1\"/>"), Map.of()),
				this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> {
			assertThat(rejected(outcome).field()).isNull();
			assertThat(rejected(outcome).payload()).isEqualTo("<ticket id=\"1\"/>");
		});
	}

	@Test
	void shouldRejectJsonOfAnotherShapeAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("{\"say\": \"hello\"}"), Map.of()),
				this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
	}

	private List<MessageOutcome> read(String resource, Map<String, String> headers) {
		return this.provider.read(request(resource(resource), headers), this.unsigned);
	}

	private List<MessageOutcome> readJson(ObjectNode body) {
		return this.provider.read(request(bytes(body), Map.of()), this.unsigned);
	}

}
