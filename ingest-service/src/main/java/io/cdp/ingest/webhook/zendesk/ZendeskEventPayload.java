package io.cdp.ingest.webhook.zendesk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.Identifier;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps Zendesk's event-subscription format: {@code {"type":
 * "zen:event-type:ticket.created", "id", "time", "detail": {...ticket...}, "event":
 * {...change...}}}. Only ticket events are read. The ticket names its requester by
 * Zendesk user id only, so that is the identifier; a status change to solved is
 * {@value ZendeskEvents#TICKET_SOLVED} and every other change
 * {@value ZendeskEvents#TICKET_UPDATED}, with the kind of change in {@code change}.
 */
final class ZendeskEventPayload {

	private static final String CREATED = "created";

	private static final String STATUS_CHANGED = "status_changed";

	private ZendeskEventPayload() {
	}

	/**
	 * Maps one Zendesk event.
	 * @param item the body
	 * @param receivedAt when the call was received
	 * @param event a builder with the source's components already set
	 * @return the event
	 * @throws InvalidFieldException if the body cannot be mapped
	 */
	static CustomerEvent map(JsonNode item, Instant receivedAt, CustomerEventBuilder event) {
		String type = JsonFields.requiredText(item, "type");
		if (!type.startsWith(ZendeskEvents.TICKET_EVENT_TYPE_PREFIX)) {
			throw new InvalidFieldException("type",
					"unsupported Zendesk event type '" + type + "'; only ticket events are read");
		}
		String change = type.substring(ZendeskEvents.TICKET_EVENT_TYPE_PREFIX.length());
		String requesterId = JsonFields.requiredText(item, "detail.requester_id");
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		properties.put("ticket_id", JsonFields.requiredText(item, "detail.id"));
		String status = change.equals(STATUS_CHANGED) ? currentStatus(item) : JsonFields.text(item, "detail.status");
		JsonFields.putPresent(properties, "status", status);
		JsonFields.putPresent(properties, "subject", JsonFields.text(item, "detail.subject"));
		JsonFields.putPresent(properties, "priority", JsonFields.text(item, "detail.priority"));
		if (!change.equals(CREATED)) {
			properties.put("change", change);
		}
		String id = JsonFields.text(item, "id");
		// Zendesk's event id repeats on retries; without it the body does, byte for byte.
		String messageId = (id != null) ? MessageIds.fromProviderId(ZendeskWebhookProvider.NAME, id)
				: MessageIds.derived(ZendeskWebhookProvider.NAME, "body", JsonFields.compact(item));
		return event.messageId(messageId)
			.name(nameOf(change, status))
			.identifier(new Identifier(ZendeskEvents.ZENDESK_USER_ID, requesterId))
			.properties(properties)
			.context(Map.of("integration", Map.of("name", ZendeskWebhookProvider.NAME, "event", type)))
			.occurredAt(Objects.requireNonNullElse(JsonFields.isoInstant(item, "time"), receivedAt))
			.build();
	}

	private static String nameOf(String change, @Nullable String status) {
		if (change.equals(CREATED)) {
			return ZendeskEvents.TICKET_CREATED;
		}
		if (change.equals(STATUS_CHANGED) && "solved".equalsIgnoreCase(status)) {
			return ZendeskEvents.TICKET_SOLVED;
		}
		return ZendeskEvents.TICKET_UPDATED;
	}

	/** The new status: {@code event.current}, as text or as {@code {"status": ...}}. */
	private static @Nullable String currentStatus(JsonNode item) {
		JsonNode current = JsonFields.at(item, "event.current");
		if (current != null && current.isObject()) {
			return JsonFields.text(item, "event.current.status");
		}
		return JsonFields.text(item, "event.current");
	}

}
