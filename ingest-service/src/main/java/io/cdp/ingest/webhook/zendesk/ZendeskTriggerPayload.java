package io.cdp.ingest.webhook.zendesk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps the JSON body a Zendesk trigger sends. Zendesk lets the admin write that body, so
 * this is the shape the product documents (see {@code webhooks/zendesk/trigger-body.json}
 * in the tests), built from Zendesk placeholders:
 *
 * <pre>
 * {"event": "ticket.created" | "ticket.updated" | "ticket.solved" | "satisfaction.rated",
 *  "ticket": {"id", "status", "subject", "priority", "created_at", "updated_at",
 *             "satisfaction": {"score", "comment"},
 *             "requester": {"id", "email", "phone", "external_id", "name"}}}
 * </pre>
 */
final class ZendeskTriggerPayload {

	private ZendeskTriggerPayload() {
	}

	/**
	 * Maps one trigger call.
	 * @param item the body
	 * @param invocationId Zendesk's {@code X-Zendesk-Webhook-Invocation-Id}, or null
	 * @param receivedAt when the call was received
	 * @param event a builder with the source's components already set
	 * @return the event
	 * @throws InvalidFieldException if the body cannot be mapped
	 */
	static CustomerEvent map(JsonNode item, @Nullable String invocationId, Instant receivedAt,
			CustomerEventBuilder event) {
		String trigger = JsonFields.requiredText(item, "event");
		String name = ZendeskEvents.TRIGGER_EVENTS.get(trigger);
		if (name == null) {
			throw new InvalidFieldException("event", "unknown Zendesk trigger event '" + trigger + "'; expected one of "
					+ String.join(", ", ZendeskEvents.TRIGGER_EVENTS.keySet()));
		}
		String ticketId = JsonFields.requiredText(item, "ticket.id");
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		properties.put("ticket_id", ticketId);
		JsonFields.putPresent(properties, "status", JsonFields.text(item, "ticket.status"));
		JsonFields.putPresent(properties, "subject", JsonFields.text(item, "ticket.subject"));
		JsonFields.putPresent(properties, "priority", JsonFields.text(item, "ticket.priority"));
		if (name.equals(ZendeskEvents.SATISFACTION_RATED)) {
			String rating = JsonFields.requiredText(item, "ticket.satisfaction.score");
			Integer score = ZendeskEvents.score(rating);
			if (score == null) {
				throw new InvalidFieldException("ticket.satisfaction.score",
						"ticket.satisfaction.score must be good, bad or a number");
			}
			properties.put("score", score);
			properties.put("rating", rating);
			JsonFields.putPresent(properties, "comment", JsonFields.text(item, "ticket.satisfaction.comment"));
		}
		String timeField = name.equals(ZendeskEvents.TICKET_CREATED) ? "ticket.created_at" : "ticket.updated_at";
		Instant occurredAt = Objects.requireNonNullElse(JsonFields.isoInstant(item, timeField), receivedAt);
		addRequester(item, event);
		Map<String, @Nullable Object> context = new LinkedHashMap<>();
		context.put("integration", Map.of("name", ZendeskWebhookProvider.NAME, "event", trigger));
		String requesterName = JsonFields.text(item, "ticket.requester.name");
		if (requesterName != null) {
			context.put("traits", Map.of("name", requesterName));
		}
		return event.messageId(messageId(item, invocationId))
			.name(name)
			.properties(properties)
			.context(context)
			.occurredAt(occurredAt)
			.build();
	}

	private static void addRequester(JsonNode item, CustomerEventBuilder event) {
		JsonFields.require(JsonFields.object(item, "ticket.requester"), "ticket.requester");
		int added = add(event, IdentifierType.EMAIL, JsonFields.text(item, "ticket.requester.email"))
				+ add(event, IdentifierType.PHONE, JsonFields.text(item, "ticket.requester.phone"))
				+ add(event, IdentifierType.USER_ID, JsonFields.text(item, "ticket.requester.external_id"))
				+ add(event, ZendeskEvents.ZENDESK_USER_ID, JsonFields.text(item, "ticket.requester.id"));
		if (added == 0) {
			throw new InvalidFieldException("ticket.requester",
					"ticket.requester needs an email, phone, external_id or id");
		}
	}

	private static int add(CustomerEventBuilder event, IdentifierType type, @Nullable String value) {
		if (value == null) {
			return 0;
		}
		event.identifier(new Identifier(type, value));
		return 1;
	}

	private static String messageId(JsonNode item, @Nullable String invocationId) {
		// A trigger body has no event id. Zendesk retries a failed call as further
		// attempts of one invocation, so the invocation id is the same on every retry
		// and differs between trigger firings. Without that header the rendered body
		// stands in: a retry repeats it byte for byte.
		return (invocationId != null) ? MessageIds.derived(ZendeskWebhookProvider.NAME, "invocation", invocationId)
				: MessageIds.derived(ZendeskWebhookProvider.NAME, "body", JsonFields.compact(item));
	}

}
