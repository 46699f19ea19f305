package io.cdp.ingest.webhook.postmark;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
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
	 * @throws InvalidFieldException if a field has the wrong type
	 */
	static Map<String, @Nullable Object> of(JsonNode body, String recordType) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		JsonFields.putPresent(properties, "message_id", JsonFields.text(body, "MessageID"));
		JsonFields.putPresent(properties, "message_stream", JsonFields.text(body, "MessageStream"));
		JsonFields.putPresent(properties, "tag", JsonFields.text(body, "Tag"));
		JsonFields.putPresent(properties, "metadata", JsonFields.value(body, "Metadata"));
		switch (recordType) {
			case "Delivery" -> JsonFields.putPresent(properties, "details", JsonFields.text(body, "Details"));
			case "Bounce", "SpamComplaint" -> putBounce(properties, body, recordType);
			case "Open" -> {
				JsonFields.putPresent(properties, "first_open", JsonFields.bool(body, "FirstOpen"));
				putReader(properties, body);
			}
			case "Click" -> {
				JsonFields.putPresent(properties, "url", JsonFields.text(body, "OriginalLink"));
				JsonFields.putPresent(properties, "click_location", JsonFields.text(body, "ClickLocation"));
				putReader(properties, body);
			}
			case PostmarkEvents.SUBSCRIPTION_CHANGE -> {
				JsonFields.putPresent(properties, "suppress_sending", JsonFields.bool(body, "SuppressSending"));
				JsonFields.putPresent(properties, "suppression_reason", JsonFields.text(body, "SuppressionReason"));
				JsonFields.putPresent(properties, "origin", JsonFields.text(body, "Origin"));
			}
			default -> {
				// Every record type read has a case above.
			}
		}
		return properties;
	}

	/**
	 * A bounce keeps Postmark's type, its numeric code and description, whether Postmark
	 * stopped sending to the address, and whether the bounce was hard or soft. The bounce
	 * id is text because it exceeds what a JSON number holds exactly in most readers.
	 */
	private static void putBounce(Map<String, @Nullable Object> properties, JsonNode body, String recordType) {
		JsonFields.putPresent(properties, "bounce_id", JsonFields.text(body, "ID"));
		String type = JsonFields.text(body, "Type");
		JsonFields.putPresent(properties, "type", type);
		JsonFields.putPresent(properties, "type_code", JsonFields.value(body, "TypeCode"));
		JsonFields.putPresent(properties, "description", JsonFields.text(body, "Description"));
		JsonFields.putPresent(properties, "details", JsonFields.text(body, "Details"));
		Boolean inactive = JsonFields.bool(body, "Inactive");
		JsonFields.putPresent(properties, "inactive", inactive);
		JsonFields.putPresent(properties, "can_activate", JsonFields.bool(body, "CanActivate"));
		if ("Bounce".equals(recordType)) {
			properties.put("bounce_class", PostmarkEvents.bounceClass(type, Boolean.TRUE.equals(inactive)));
		}
		JsonFields.putPresent(properties, "subject", JsonFields.text(body, "Subject"));
		JsonFields.putPresent(properties, "from", JsonFields.text(body, "From"));
	}

	/** Where and with what an email was opened or clicked, as Postmark sends it. */
	private static void putReader(Map<String, @Nullable Object> properties, JsonNode body) {
		JsonFields.putPresent(properties, "platform", JsonFields.text(body, "Platform"));
		JsonFields.putPresent(properties, "client", JsonFields.value(body, "Client"));
		JsonFields.putPresent(properties, "os", JsonFields.value(body, "OS"));
		JsonFields.putPresent(properties, "useragent", JsonFields.text(body, "UserAgent"));
		JsonFields.putPresent(properties, "geo", JsonFields.value(body, "Geo"));
	}

}
