package io.cdp.ingest.webhook.intercom;

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
import tools.jackson.databind.node.ArrayNode;
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

class IntercomWebhookTests {

	private static final IdentifierType INTERCOM_CONTACT_ID = IdentifierType.of("intercom_contact_id");

	private static final Identifier ADA_EMAIL = new Identifier(IdentifierType.EMAIL, "ada@example.com");

	private static final Identifier ADA_USER_ID = new Identifier(IdentifierType.USER_ID, "u-42");

	private static final Identifier ADA_CONTACT = new Identifier(INTERCOM_CONTACT_ID, "6762f0dd1bb69f9f2193bb83");

	private static final Identifier NADIA_EMAIL = new Identifier(IdentifierType.EMAIL, "nadia@example.com");

	private static final Identifier NADIA_CONTACT = new Identifier(INTERCOM_CONTACT_ID, "5c9553cb27e377f24eed49f7");

	private final IntercomWebhookProvider provider = new IntercomWebhookProvider();

	private final Source unsigned = source("intercom", Channel.SUPPORT, null);

	@ParameterizedTest
	@CsvSource({
			"conversation-user-created.json, Conversation Started, notif_ccd8a4d2-3dbc-4d71-a0a7-2c8e3c1c1f10, 1740733964",
			"conversation-user-replied.json, Conversation Replied, notif_2f4b7a9e-51d2-4c4f-9d77-0a3e4ff1c221, 1740734100",
			"conversation-admin-replied.json, Conversation Replied, notif_5b0f3a1e-8c2d-4e7f-9a61-2d3c4b5a6f70, 1740736200",
			"conversation-admin-closed.json, Conversation Closed, notif_7a6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910, 1740740000",
			"conversation-rating-added.json, Satisfaction Rated, notif_19e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a, 1740820000" })
	void shouldMapEveryConversationTopicToItsName(String file, String name, String notificationId, long createdAt) {
		CustomerEvent event = single(read("intercom/" + file));

		assertThat(event.type()).isEqualTo(EventType.TRACK);
		assertThat(event.name()).isEqualTo(name);
		assertThat(event.messageId()).isEqualTo(notificationId);
		assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(createdAt));
		assertThat(event.identifiers()).containsExactlyInAnyOrder(ADA_EMAIL, ADA_USER_ID, ADA_CONTACT);
		assertThat(event.properties()).containsEntry("conversation_id", "5547");
		assertThat(event.sourceId()).isEqualTo("intercom-source");
		assertThat(event.channel()).isEqualTo(Channel.SUPPORT);
		assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
	}

	@Test
	void shouldPutAnAgentsReplyOnTheCustomersHistoryWithTheAgentOnlyInProperties() {
		CustomerEvent reply = single(read("intercom/conversation-admin-replied.json"));

		assertThat(reply.name()).isEqualTo(IntercomEvents.CONVERSATION_REPLIED);
		assertThat(reply.identifiers()).containsExactlyInAnyOrder(ADA_EMAIL, ADA_USER_ID, ADA_CONTACT);
		assertThat(reply.identifiers()).extracting(Identifier::value)
			.doesNotContain("grace@support.example.com", "991267");
		assertThat(reply.properties()).containsEntry("author", "agent")
			.containsEntry("agent_id", "991267")
			.containsEntry("agent_name", "Grace Hopper")
			.containsEntry("agent_type", "admin")
			.containsEntry("part_id", "29")
			.containsEntry("conversation_id", "5547")
			.doesNotContainKey("agent_email");
	}

	@Test
	void shouldMarkACustomersReplyAsTheCustomers() {
		CustomerEvent reply = single(read("intercom/conversation-user-replied.json"));

		assertThat(reply.name()).isEqualTo(IntercomEvents.CONVERSATION_REPLIED);
		assertThat(reply.properties()).containsEntry("author", "customer")
			.containsEntry("part_id", "26")
			.doesNotContainKeys("agent_id", "agent_name");
	}

	@Test
	void shouldNameNoAgentWhenThePartWasWrittenByTheCustomer() {
		ObjectNode body = json("intercom/conversation-admin-replied.json");
		ObjectNode author = (ObjectNode) body.at("/data/item/conversation_parts/conversation_parts/0/author");
		author.put("type", "user").put("id", "6762f0dd1bb69f9f2193bb83").put("name", "Ada Lovelace");

		CustomerEvent reply = single(readJson(body));

		assertThat(reply.properties()).containsEntry("author", "agent").doesNotContainKeys("agent_id", "agent_name");
	}

	@Test
	void shouldRejectAnAgentsReplyInAConversationThatNamesNoCustomer() {
		ObjectNode body = json("intercom/conversation-admin-replied.json");
		ObjectNode item = (ObjectNode) body.at("/data/item");
		item.remove("contacts");
		((ObjectNode) item.get("source")).putObject("author")
			.put("type", "admin")
			.put("id", "991267")
			.put("email", "grace@support.example.com");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("data.item");
	}

	@Test
	void shouldMapAnAssignmentToTheNewAssignee() {
		CustomerEvent assigned = single(read("intercom/conversation-admin-assigned.json"));

		assertThat(assigned.type()).isEqualTo(EventType.TRACK);
		assertThat(assigned.name()).isEqualTo(IntercomEvents.CONVERSATION_ASSIGNED);
		assertThat(assigned.messageId()).isEqualTo("notif_b577ea09-0998-45cf-ade1-df4d102a58ec");
		assertThat(assigned.occurredAt()).isEqualTo(Instant.ofEpochSecond(1553291112));
		assertThat(assigned.identifiers()).containsExactlyInAnyOrder(NADIA_EMAIL, NADIA_CONTACT);
		assertThat(assigned.properties()).containsEntry("conversation_id", "21322009097")
			.containsEntry("assignee_type", "admin")
			.containsEntry("assignee_id", "1957471")
			.containsEntry("assignee_name", "Grace Hopper")
			.containsEntry("author", "agent")
			.containsEntry("agent_id", "1957471");
	}

	@Test
	void shouldTakeTheAssigneeFromTheConversationWhenThePartDoesNotSayIt() {
		ObjectNode body = json("intercom/conversation-admin-replied.json");
		body.put("topic", "conversation.admin.assigned");
		ObjectNode item = (ObjectNode) body.at("/data/item");
		item.put("team_assignee_id", 814860);
		((ObjectNode) item.at("/conversation_parts/conversation_parts/0")).put("part_type", "assignment");

		CustomerEvent assigned = single(readJson(body));

		assertThat(assigned.name()).isEqualTo(IntercomEvents.CONVERSATION_ASSIGNED);
		assertThat(assigned.properties()).containsEntry("assignee_type", "admin")
			.containsEntry("assignee_id", "991267")
			.containsEntry("team_assignee_id", "814860");
	}

	@Test
	void shouldMapASnoozeWithTheTimeItEnds() {
		CustomerEvent snoozed = single(read("intercom/conversation-admin-snoozed.json"));

		assertThat(snoozed.name()).isEqualTo(IntercomEvents.CONVERSATION_SNOOZED);
		assertThat(snoozed.identifiers()).containsExactlyInAnyOrder(NADIA_EMAIL, NADIA_CONTACT);
		assertThat(snoozed.properties()).containsEntry("conversation_id", "21330067382")
			.containsEntry("state", "snoozed")
			.containsEntry("snoozed_until", "2019-03-25T11:30:00Z")
			.containsEntry("agent_name", "Grace Hopper");
	}

	@ParameterizedTest
	@CsvSource({ "conversation-admin-noted.json, Conversation Note Added, 2826904904",
			"conversation-admin-opened.json, Conversation Reopened, 2826953202",
			"conversation-admin-closed.json, Conversation Closed, 31" })
	void shouldMapOtherAgentActionsAsTheAgents(String file, String name, String partId) {
		CustomerEvent event = single(read("intercom/" + file));

		assertThat(event.name()).isEqualTo(name);
		assertThat(event.properties()).containsEntry("author", "agent").containsEntry("part_id", partId);
		assertThat(event.properties().get("agent_name")).isEqualTo("Grace Hopper");
		assertThat(event.identifiers()).extracting(Identifier::value).doesNotContain("grace@support.example.com");
	}

	@Test
	void shouldTellApartTwoRepliesInOneSecondWithoutNotificationIds() {
		ObjectNode first = json("intercom/conversation-admin-replied.json");
		first.remove("id");
		ObjectNode second = first.deepCopy();
		((ObjectNode) second.at("/data/item/conversation_parts/conversation_parts/0")).put("id", "30");

		assertThat(single(readJson(first)).messageId()).isNotEqualTo(single(readJson(second)).messageId());
	}

	@Test
	void shouldMapAConversationRatingToSatisfactionRated() {
		CustomerEvent rated = single(read("intercom/conversation-rating-added.json"));

		assertThat(rated.name()).isEqualTo(IntercomEvents.SATISFACTION_RATED);
		assertThat(rated.properties()).containsEntry("score", 5)
			.containsEntry("rating", 5)
			.containsEntry("comment", "Quick and friendly")
			.containsEntry("state", "closed");
	}

	@Test
	void shouldRejectARatingWithoutANumber() {
		ObjectNode body = json("intercom/conversation-rating-added.json");
		((ObjectNode) body.at("/data/item/conversation_rating")).put("rating", "great");

		assertThat(rejected(readJson(body).get(0)).field()).isEqualTo("data.item.conversation_rating.rating");
	}

	@Test
	void shouldIdentifyANewUserWithTraits() {
		CustomerEvent identify = single(read("intercom/user-created.json"));

		assertThat(identify.type()).isEqualTo(EventType.IDENTIFY);
		assertThat(identify.name()).isNull();
		assertThat(identify.messageId()).isEqualTo("notif_0a1b2c3d-4e5f-4061-8728-394a5b6c7d8e");
		assertThat(identify.identifiers()).containsExactly(ADA_EMAIL,
				new Identifier(IdentifierType.PHONE, "+44 20 7946 0958"), ADA_USER_ID,
				new Identifier(INTERCOM_CONTACT_ID, "5310d8e7598c9a0b24000002"));
		assertThat(identify.traits()).containsEntry("name", "Ada Lovelace")
			.containsEntry("email", "ada@example.com")
			.containsEntry("phone", "+44 20 7946 0958")
			.containsEntry("plan", "pro")
			.containsEntry("createdAt", "2025-02-27T23:46:40Z");
	}

	@Test
	void shouldIdentifyAContactByItsExternalId() {
		CustomerEvent identify = single(read("intercom/contact-user-created.json"));

		assertThat(identify.type()).isEqualTo(EventType.IDENTIFY);
		assertThat(identify.identifiers()).containsExactly(ADA_EMAIL,
				new Identifier(IdentifierType.PHONE, "+442079460958"), ADA_USER_ID, ADA_CONTACT);
		assertThat(identify.traits()).containsEntry("seats", 12).containsEntry("plan", "pro");
	}

	@Test
	void shouldIdentifyAUserWhoseEmailChangedByTheNewEmail() {
		CustomerEvent identify = single(read("intercom/user-email-updated.json"));

		assertThat(identify.type()).isEqualTo(EventType.IDENTIFY);
		assertThat(identify.identifiers()).contains(new Identifier(IdentifierType.EMAIL, "ada.lovelace@example.org"),
				ADA_USER_ID);
		assertThat(identify.traits()).containsEntry("email", "ada.lovelace@example.org");
	}

	@Test
	void shouldNotTakeTheGeneratedUserIdOfALeadForTheBusinesssUserId() {
		CustomerEvent lead = single(read("intercom/contact-created.json"));

		assertThat(lead.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "visitor@example.net"),
				new Identifier(INTERCOM_CONTACT_ID, "5310d8e7598c9a0b24000777"));
	}

	@Test
	void shouldTakeOnlyTheFirstContactOfAConversation() {
		ObjectNode body = json("intercom/conversation-user-created.json");
		ArrayNode contacts = (ArrayNode) body.at("/data/item/contacts/contacts");
		contacts.addObject().put("type", "contact").put("id", "7000aa00bb11cc22dd33ee44").put("external_id", "u-77");

		assertThat(single(readJson(body)).identifiers()).containsExactlyInAnyOrder(ADA_EMAIL, ADA_USER_ID, ADA_CONTACT);
	}

	@Test
	void shouldRejectAConversationThatNamesNobody() {
		ObjectNode body = json("intercom/conversation-user-created.json");
		ObjectNode item = (ObjectNode) body.at("/data/item");
		item.remove("contacts");
		((ObjectNode) item.get("source")).putObject("author").put("type", "admin").put("id", "991267");

		MessageOutcome.Rejected rejection = rejected(readJson(body).get(0));

		assertThat(rejection.field()).isEqualTo("data.item");
		assertThat(rejection.payload()).contains("notif_ccd8a4d2-3dbc-4d71-a0a7-2c8e3c1c1f10");
	}

	@Test
	void shouldRejectAnUnsupportedTopic() {
		ObjectNode body = json("intercom/conversation-user-created.json");
		body.put("topic", "conversation_part.tag.created");

		MessageOutcome.Rejected rejection = rejected(readJson(body).get(0));

		assertThat(rejection.field()).isEqualTo("topic");
		assertThat(rejection.reason()).contains("conversation_part.tag.created");
	}

	@Test
	void shouldReadNothingFromAPing() {
		assertThat(read("intercom/ping.json")).isEmpty();
	}

	@Test
	void shouldGiveARedeliveryTheSameMessageId() {
		byte[] body = resource("intercom/conversation-user-replied.json");

		String first = single(this.provider.read(request(body, Map.of()), this.unsigned)).messageId();
		String redelivered = single(
				this.provider.read(request(body, Map.of(), RECEIVED_AT.plusSeconds(120)), this.unsigned))
			.messageId();

		assertThat(redelivered).isEqualTo(first);
	}

	@Test
	void shouldDeriveAStableMessageIdWithoutANotificationId() {
		ObjectNode body = json("intercom/conversation-admin-closed.json");
		body.remove("id");

		String first = single(readJson(body)).messageId();
		String again = single(readJson(body)).messageId();

		assertThat(again).isEqualTo(first);
	}

	@Test
	void shouldRejectABodyThatIsNotJsonAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("topic=ping"), Map.of()), this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> {
			assertThat(rejected(outcome).field()).isNull();
			assertThat(rejected(outcome).payload()).isEqualTo("topic=ping");
		});
	}

	@Test
	void shouldRejectJsonThatIsNoNotificationAsAWhole() {
		List<MessageOutcome> outcomes = this.provider.read(request(bytes("{\"type\": \"conversation\"}"), Map.of()),
				this.unsigned);

		assertThat(outcomes).singleElement().satisfies((outcome) -> assertThat(rejected(outcome).field()).isNull());
	}

	private List<MessageOutcome> read(String resource) {
		return this.provider.read(request(resource(resource), Map.of()), this.unsigned);
	}

	private List<MessageOutcome> readJson(ObjectNode body) {
		return this.provider.read(request(bytes(body), Map.of()), this.unsigned);
	}

}
