package io.cdp.profile.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.json.IsoInstants;
import io.cdp.contract.json.RoundTripJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * A row of the events table, read straight from a {@code cdp.profile-events.v1} record:
 * the columns from the few fields they need, and the event's JSON as the record holds it,
 * sliced from its bytes. The event is not built as an object only to be written back as
 * the same JSON; the invariants the table relies on are checked as {@link CustomerEvent}
 * checks them, and a record that breaks one cannot be read.
 *
 * @param profileId the profile that took the event
 * @param messageId the event's messageId
 * @param occurredAt when it happened
 * @param receivedAt when the platform received it
 * @param type the event type's wire name
 * @param name the event or page name, if any
 * @param channel the channel's wire name
 * @param sourceId the source that sent it
 * @param json the event, as JSON
 */
record EventRow(String profileId, String messageId, Instant occurredAt, Instant receivedAt, String type,
		@Nullable String name, String channel, String sourceId, String json) {

	/**
	 * Reads a record of {@code cdp.profile-events.v1}.
	 * @param payload its value
	 * @return the row
	 * @throws tools.jackson.core.JacksonException when it is not a readable profile event
	 */
	static EventRow read(byte[] payload) {
		return RoundTripJson.stream(payload, EventRow::read);
	}

	private static EventRow read(JsonParser parser, byte[] payload) {
		expect(parser, parser.nextToken() == JsonToken.START_OBJECT, "a profile event object");
		String profileId = null;
		EventRow event = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (field.equals("profileId")) {
				profileId = text(parser, value, field);
			}
			else if (field.equals("event")) {
				expect(parser, value == JsonToken.START_OBJECT, "an event object");
				event = event(parser, payload);
			}
			else {
				parser.skipChildren();
			}
		}
		expect(parser, profileId != null, "profileId");
		expect(parser, event != null, "event");
		return new EventRow(profileId, event.messageId, event.occurredAt, event.receivedAt, event.type, event.name,
				event.channel, event.sourceId, event.json);
	}

	/** The event object the parser stands at the start of, with a blank profile id. */
	private static EventRow event(JsonParser parser, byte[] payload) {
		long start = parser.currentTokenLocation().getByteOffset();
		String messageId = null;
		String type = null;
		String name = null;
		String channel = null;
		String sourceId = null;
		String previousId = null;
		String groupId = null;
		Instant occurredAt = null;
		Instant receivedAt = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "schemaVersion" -> expect(parser,
						value == JsonToken.VALUE_NUMBER_INT && parser.getIntValue() == CustomerEvent.SCHEMA_VERSION,
						"schemaVersion " + CustomerEvent.SCHEMA_VERSION);
				case "messageId" -> messageId = text(parser, value, field);
				case "type" -> type = EventType.fromWireName(text(parser, value, field)).wireName();
				case "name" -> name = optionalText(parser, value, field);
				case "channel" -> channel = Channel.fromWireName(text(parser, value, field)).wireName();
				case "sourceId" -> sourceId = text(parser, value, field);
				case "previousId" -> previousId = optionalText(parser, value, field);
				case "groupId" -> groupId = optionalText(parser, value, field);
				case "occurredAt" -> occurredAt = instant(parser, value, field);
				case "receivedAt" -> receivedAt = instant(parser, value, field);
				default -> parser.skipChildren();
			}
		}
		long end = parser.currentLocation().getByteOffset();
		expect(parser,
				messageId != null && !messageId.isBlank() && messageId.length() <= CustomerEvent.MAX_MESSAGE_ID_LENGTH,
				"a messageId of 1 to 100 characters");
		expect(parser, type != null && channel != null && sourceId != null && occurredAt != null && receivedAt != null,
				"type, channel, sourceId, occurredAt and receivedAt");
		expect(parser, !type.equals(EventType.TRACK.wireName()) || present(name), "a track event with a name");
		expect(parser, !type.equals(EventType.ALIAS.wireName()) || present(previousId),
				"an alias event with a previousId");
		expect(parser, !type.equals(EventType.GROUP.wireName()) || present(groupId), "a group event with a groupId");
		String json = new String(payload, (int) start, (int) (end - start), StandardCharsets.UTF_8);
		return new EventRow("", messageId, occurredAt, receivedAt, type, name, channel, sourceId, json);
	}

	private static String text(JsonParser parser, JsonToken value, String field) {
		expect(parser, value == JsonToken.VALUE_STRING, field + " as a string");
		return parser.getString();
	}

	private static @Nullable String optionalText(JsonParser parser, JsonToken value, String field) {
		return (value == JsonToken.VALUE_NULL) ? null : text(parser, value, field);
	}

	private static Instant instant(JsonParser parser, JsonToken value, String field) {
		String text = text(parser, value, field);
		Instant canonical = IsoInstants.parse(text);
		if (canonical != null) {
			return canonical;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new StreamReadException(parser, field + " is not an ISO-8601 instant: " + ex.getMessage());
		}
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static void expect(JsonParser parser, boolean condition, String expected) {
		if (!condition) {
			throw new StreamReadException(parser, "Expected " + expected);
		}
	}

}
