package io.cdp.ingest.webhook.postmark;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.ingest.webhook.UnmappableEventException;
import io.cdp.ingest.webhook.WebhookJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The properties of a Postmark event, under the names the SendGrid and Mailgun mappings
 * use for the same facts ({@code message_id}, {@code url}, {@code useragent}) and
 * Postmark's own names, in snake case, for the rest. A bounce's full dump
 * ({@code Content}) is left out: it is the whole returned message.
 */
final class PostmarkProperties {

	private PostmarkProperties() {
	}

	/**
	 * Returns the properties of a record.
	 * @param body the record
	 * @param recordType its {@code RecordType}, one {@link PostmarkEvents} knows
	 * @return the properties Postmark sent for it
	 * @throws UnmappableEventException if a field has the wrong type
	 */
	static Map<String, @Nullable Object> of(JsonNode body, String recordType) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		WebhookJson.putPresent(properties, "message_id", WebhookJson.text(body, "MessageID"));
		WebhookJson.putPresent(properties, "message_stream", WebhookJson.text(body, "MessageStream"));
		WebhookJson.putPresent(properties, "tag", WebhookJson.text(body, "Tag"));
		WebhookJson.putPresent(properties, "metadata", WebhookJson.value(body, "Metadata"));
		switch (recordType) {
			case "Delivery" -> WebhookJson.putPresent(properties, "details", WebhookJson.text(body, "Details"));
			case "Bounce", "SpamComplaint" -> putBounce(properties, body, recordType);
			case "Open" -> {
				WebhookJson.putPresent(properties, "first_open", bool(body, "FirstOpen"));
				putReader(properties, body);
			}
			case "Click" -> {
				WebhookJson.putPresent(properties, "url", WebhookJson.text(body, "OriginalLink"));
				WebhookJson.putPresent(properties, "click_location", WebhookJson.text(body, "ClickLocation"));
				putReader(properties, body);
			}
			case PostmarkEvents.SUBSCRIPTION_CHANGE -> {
				WebhookJson.putPresent(properties, "suppress_sending", bool(body, "SuppressSending"));
				WebhookJson.putPresent(properties, "suppression_reason", WebhookJson.text(body, "SuppressionReason"));
				WebhookJson.putPresent(properties, "origin", WebhookJson.text(body, "Origin"));
			}
			default -> {
				// Every record type read has a case above.
			}
		}
		return properties;
	}

	/**
	 * Returns a boolean field.
	 * @param body the record
	 * @param field the field name
	 * @return the value, or null if absent
	 * @throws UnmappableEventException if the value is not a JSON boolean
	 */
	static @Nullable Boolean bool(JsonNode body, String field) {
		JsonNode node = WebhookJson.at(body, field);
		if (node == null) {
			return null;
		}
		if (!node.isBoolean()) {
			throw new UnmappableEventException(field, field + " must be true or false");
		}
		return node.booleanValue();
	}

	/**
	 * A bounce keeps Postmark's type, its numeric code and description, whether Postmark
	 * stopped sending to the address, and whether the bounce was hard or soft. The bounce
	 * id is text because it exceeds what a JSON number holds exactly in most readers.
	 */
	private static void putBounce(Map<String, @Nullable Object> properties, JsonNode body, String recordType) {
		WebhookJson.putPresent(properties, "bounce_id", WebhookJson.text(body, "ID"));
		String type = WebhookJson.text(body, "Type");
		WebhookJson.putPresent(properties, "type", type);
		WebhookJson.putPresent(properties, "type_code", WebhookJson.value(body, "TypeCode"));
		WebhookJson.putPresent(properties, "description", WebhookJson.text(body, "Description"));
		WebhookJson.putPresent(properties, "details", WebhookJson.text(body, "Details"));
		Boolean inactive = bool(body, "Inactive");
		WebhookJson.putPresent(properties, "inactive", inactive);
		WebhookJson.putPresent(properties, "can_activate", bool(body, "CanActivate"));
		if ("Bounce".equals(recordType)) {
			properties.put("bounce_class", PostmarkEvents.bounceClass(type, Boolean.TRUE.equals(inactive)));
		}
		WebhookJson.putPresent(properties, "subject", WebhookJson.text(body, "Subject"));
		WebhookJson.putPresent(properties, "from", WebhookJson.text(body, "From"));
	}

	/** Where and with what an email was opened or clicked, as Postmark sends it. */
	private static void putReader(Map<String, @Nullable Object> properties, JsonNode body) {
		WebhookJson.putPresent(properties, "platform", WebhookJson.text(body, "Platform"));
		WebhookJson.putPresent(properties, "client", WebhookJson.value(body, "Client"));
		WebhookJson.putPresent(properties, "os", WebhookJson.value(body, "OS"));
		WebhookJson.putPresent(properties, "useragent", WebhookJson.text(body, "UserAgent"));
		WebhookJson.putPresent(properties, "geo", WebhookJson.value(body, "Geo"));
	}

}
