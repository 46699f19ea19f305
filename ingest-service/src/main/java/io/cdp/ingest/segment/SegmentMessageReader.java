package io.cdp.ingest.segment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.ClockSkew;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one Segment tracking API message into a canonical event, with Segment's
 * semantics: {@code userId} or {@code anonymousId} required (an empty {@code userId}
 * counts as absent, as analytics-kotlin sends for anonymous users); the client time
 * corrected for clock skew with {@code sentAt}; a batch's {@code context} and
 * {@code sentAt} applied to each message; {@code context.ip} filled from the request;
 * {@code context.channel} overriding the source's channel. Besides the ids,
 * {@code traits.email}, {@code traits.phone} (identify) and {@code context.device.id}
 * become identifiers, since those are what link a person across channels. A message that
 * breaks a rule is rejected naming the field, with its payload kept for the dead-letter
 * topic (without the write key).
 */
class SegmentMessageReader {

	private static final int MAX_MESSAGE_ID_LENGTH = CustomerEvent.MAX_MESSAGE_ID_LENGTH;

	private final long maxMessageBytes;

	SegmentMessageReader(long maxMessageBytes) {
		this.maxMessageBytes = maxMessageBytes;
	}

	MessageOutcome read(JsonNode message, @Nullable EventType pathType, BatchDefaults defaults, Source source,
			Instant receivedAt, @Nullable String clientIp) {
		return MessageOutcome.read(() -> {
			if (!message.isObject()) {
				throw new InvalidFieldException(null, "A message must be a JSON object");
			}
			// The write key only adds to the size: a message that surely fits with it
			// fits without it, and is never written as text.
			if (!JsonFields.surelyFits(message, this.maxMessageBytes)
					&& !JsonFields.compactFits(withoutWriteKey(message), this.maxMessageBytes)) {
				throw new InvalidFieldException(null,
						"A message must be at most " + this.maxMessageBytes / 1024 + " KB");
			}
			return event(message, pathType, defaults, source, receivedAt, clientIp);
		}, () -> JsonFields.compact(withoutWriteKey(message)));
	}

	private CustomerEvent event(JsonNode message, @Nullable EventType pathType, BatchDefaults defaults, Source source,
			Instant receivedAt, @Nullable String clientIp) {
		EventType type = (pathType != null) ? pathType : type(message);
		String userId = JsonFields.id(message, "userId");
		String anonymousId = JsonFields.id(message, "anonymousId");
		if (userId == null && anonymousId == null) {
			throw new InvalidFieldException("userId", "userId or anonymousId is required");
		}
		Map<String, @Nullable Object> context = context(message, defaults, clientIp);
		CustomerEventBuilder event = CustomerEvent.builder()
			.messageId(messageId(message))
			.type(type)
			.channel(channel(context, source))
			.sourceId(source.id())
			.occurredAt(occurredAt(message, defaults, receivedAt))
			.receivedAt(receivedAt)
			.context(context);
		if (userId != null) {
			event.identifier(new Identifier(IdentifierType.USER_ID, userId));
		}
		if (anonymousId != null) {
			event.identifier(new Identifier(IdentifierType.ANONYMOUS_ID, anonymousId));
		}
		addContactIdentifiers(event, message, type, context);
		switch (type) {
			case TRACK -> event.name(requiredText(message, "event")).properties(JsonFields.map(message, "properties"));
			case PAGE, SCREEN ->
				event.name(JsonFields.string(message, "name")).properties(JsonFields.map(message, "properties"));
			case IDENTIFY -> event.traits(JsonFields.map(message, "traits"));
			case GROUP -> event.groupId(required(JsonFields.id(message, "groupId"), "groupId"))
				.traits(JsonFields.map(message, "traits"));
			case ALIAS -> event.previousId(required(JsonFields.id(message, "previousId"), "previousId"));
		}
		return event.build();
	}

	private static void addContactIdentifiers(CustomerEventBuilder event, JsonNode message, EventType type,
			Map<String, @Nullable Object> context) {
		if (type == EventType.IDENTIFY) {
			JsonNode traits = message.get("traits");
			addIfText(event, IdentifierType.EMAIL, (traits != null) ? traits.get("email") : null);
			addIfText(event, IdentifierType.PHONE, (traits != null) ? traits.get("phone") : null);
		}
		if (context.get("device") instanceof Map<?, ?> device && device.get("id") instanceof String deviceId
				&& !deviceId.isBlank()) {
			event.identifier(new Identifier(IdentifierType.DEVICE_ID, deviceId));
		}
	}

	private static void addIfText(CustomerEventBuilder event, IdentifierType type, @Nullable JsonNode value) {
		if (value != null && value.isString() && !value.asString().isBlank()) {
			event.identifier(new Identifier(type, value.asString()));
		}
	}

	private static EventType type(JsonNode message) {
		String type = requiredText(message, "type");
		for (EventType candidate : EventType.values()) {
			if (candidate.wireName().equalsIgnoreCase(type)) {
				return candidate;
			}
		}
		throw new InvalidFieldException("type", "type must be one of track, identify, page, screen, group, alias");
	}

	private static @Nullable String messageId(JsonNode message) {
		String messageId = JsonFields.string(message, "messageId");
		if (messageId != null && messageId.length() > MAX_MESSAGE_ID_LENGTH) {
			throw new InvalidFieldException("messageId",
					"messageId must be at most " + MAX_MESSAGE_ID_LENGTH + " characters");
		}
		return messageId;
	}

	private static Channel channel(Map<String, @Nullable Object> context, Source source) {
		Object channel = context.get("channel");
		if (channel == null) {
			return source.channel();
		}
		if (channel instanceof String name) {
			if (name.equalsIgnoreCase("browser")) {
				return Channel.WEB;
			}
			for (Channel candidate : Channel.values()) {
				if (candidate.wireName().equalsIgnoreCase(name)) {
					return candidate;
				}
			}
		}
		throw new InvalidFieldException("context.channel",
				"context.channel must be one of web, mobile, email, support, server");
	}

	private static Instant occurredAt(JsonNode message, BatchDefaults defaults, Instant receivedAt) {
		Instant original = JsonFields.dateTime(message, "originalTimestamp");
		Instant clientTime = (original != null) ? original : JsonFields.dateTime(message, "timestamp");
		Instant sentAt = JsonFields.dateTime(message, "sentAt");
		return ClockSkew.occurredAt(clientTime, (sentAt != null) ? sentAt : defaults.sentAt(), receivedAt);
	}

	private static Map<String, @Nullable Object> context(JsonNode message, BatchDefaults defaults,
			@Nullable String clientIp) {
		Map<String, @Nullable Object> context = new LinkedHashMap<>(defaults.context());
		context.putAll(JsonFields.map(message, "context"));
		if (message.get("integrations") instanceof JsonNode integrations && integrations.isObject()) {
			context.put("integrations", JsonFields.map(message, "integrations"));
		}
		if (context.get("ip") == null && clientIp != null) {
			context.put("ip", clientIp);
		}
		return context;
	}

	/** A required text: a JSON string that is not blank. */
	private static String requiredText(JsonNode message, String field) {
		return required(JsonFields.string(message, field), field);
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidFieldException(field, field + " is required");
		}
		return value;
	}

	/**
	 * The message as kept for the dead-letter topic and measured against the size limit:
	 * without its write key. Written as text only when it is rejected.
	 */
	private static JsonNode withoutWriteKey(JsonNode message) {
		if (message instanceof ObjectNode object && object.has("writeKey")) {
			ObjectNode copy = object.deepCopy();
			copy.remove("writeKey");
			return copy;
		}
		return message;
	}

	/** The context and sentAt a batch gives all its messages. */
	record BatchDefaults(Map<String, @Nullable Object> context, @Nullable Instant sentAt) {

		static final BatchDefaults NONE = new BatchDefaults(Map.of(), null);

	}

}
