package io.cdp.ingest.segment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.ClockSkew;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
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

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private static final int MAX_MESSAGE_ID_LENGTH = CustomerEvent.MAX_MESSAGE_ID_LENGTH;

	private final long maxMessageBytes;

	SegmentMessageReader(long maxMessageBytes) {
		this.maxMessageBytes = maxMessageBytes;
	}

	MessageOutcome read(JsonNode message, @Nullable EventType pathType, BatchDefaults defaults, Source source,
			Instant receivedAt, @Nullable String clientIp) {
		String payload = payloadWithoutWriteKey(message);
		try {
			if (!message.isObject()) {
				throw new Rejection(null, "A message must be a JSON object");
			}
			if (payload.getBytes(StandardCharsets.UTF_8).length > this.maxMessageBytes) {
				throw new Rejection(null, "A message must be at most " + this.maxMessageBytes / 1024 + " KB");
			}
			return MessageOutcome
				.accepted(event((ObjectNode) message, pathType, defaults, source, receivedAt, clientIp));
		}
		catch (Rejection rejection) {
			return MessageOutcome.rejected(rejection.field(), rejection.getMessage(), payload);
		}
		catch (IllegalArgumentException ex) {
			// The event contract's own invariants, for anything the checks above let
			// through.
			return MessageOutcome.rejected(null, ex.getMessage(), payload);
		}
	}

	private CustomerEvent event(ObjectNode message, @Nullable EventType pathType, BatchDefaults defaults, Source source,
			Instant receivedAt, @Nullable String clientIp) {
		EventType type = (pathType != null) ? pathType : type(message);
		String userId = id(message, "userId");
		String anonymousId = id(message, "anonymousId");
		if (userId == null && anonymousId == null) {
			throw new Rejection("userId", "userId or anonymousId is required");
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
			case TRACK -> event.name(requiredText(message, "event")).properties(map(message, "properties"));
			case PAGE, SCREEN -> event.name(optionalText(message, "name")).properties(map(message, "properties"));
			case IDENTIFY -> event.traits(map(message, "traits"));
			case GROUP -> event.groupId(requiredId(message, "groupId")).traits(map(message, "traits"));
			case ALIAS -> event.previousId(requiredId(message, "previousId"));
		}
		return event.build();
	}

	private static void addContactIdentifiers(CustomerEventBuilder event, ObjectNode message, EventType type,
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

	private static EventType type(ObjectNode message) {
		String type = requiredText(message, "type");
		for (EventType candidate : EventType.values()) {
			if (candidate.wireName().equalsIgnoreCase(type)) {
				return candidate;
			}
		}
		throw new Rejection("type", "type must be one of track, identify, page, screen, group, alias");
	}

	private static @Nullable String messageId(ObjectNode message) {
		String messageId = optionalText(message, "messageId");
		if (messageId != null && messageId.length() > MAX_MESSAGE_ID_LENGTH) {
			throw new Rejection("messageId", "messageId must be at most " + MAX_MESSAGE_ID_LENGTH + " characters");
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
		throw new Rejection("context.channel", "context.channel must be one of web, mobile, email, support, server");
	}

	private static Instant occurredAt(ObjectNode message, BatchDefaults defaults, Instant receivedAt) {
		Instant original = instant(message, "originalTimestamp");
		Instant clientTime = (original != null) ? original : instant(message, "timestamp");
		Instant sentAt = instant(message, "sentAt");
		return ClockSkew.occurredAt(clientTime, (sentAt != null) ? sentAt : defaults.sentAt(), receivedAt);
	}

	private static Map<String, @Nullable Object> context(ObjectNode message, BatchDefaults defaults,
			@Nullable String clientIp) {
		Map<String, @Nullable Object> context = new LinkedHashMap<>(defaults.context());
		context.putAll(map(message, "context"));
		if (message.get("integrations") instanceof JsonNode integrations && integrations.isObject()) {
			context.put("integrations", ContractJson.mapper().convertValue(integrations, MAP));
		}
		if (context.get("ip") == null && clientIp != null) {
			context.put("ip", clientIp);
		}
		return context;
	}

	static @Nullable Instant instant(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new Rejection(field, field + " must be an ISO-8601 date-time string");
		}
		try {
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value.asString(), OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new Rejection(field, field + " must be an ISO-8601 date-time such as 2024-05-01T12:30:00.000Z");
		}
	}

	static Map<String, @Nullable Object> map(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return Map.of();
		}
		if (!value.isObject()) {
			throw new Rejection(field, field + " must be a JSON object");
		}
		return ContractJson.mapper().convertValue(value, MAP);
	}

	private static @Nullable String id(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isNumber()) {
			return value.asString();
		}
		if (!value.isString()) {
			throw new Rejection(field, field + " must be a string");
		}
		String id = value.asString();
		return id.isBlank() ? null : id;
	}

	private static String requiredId(JsonNode message, String field) {
		String id = id(message, field);
		if (id == null) {
			throw new Rejection(field, field + " is required");
		}
		return id;
	}

	private static @Nullable String optionalText(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new Rejection(field, field + " must be a string");
		}
		return value.asString();
	}

	private static String requiredText(JsonNode message, String field) {
		String text = optionalText(message, field);
		if (text == null || text.isBlank()) {
			throw new Rejection(field, field + " is required");
		}
		return text;
	}

	private static String payloadWithoutWriteKey(JsonNode message) {
		if (message instanceof ObjectNode object && object.has("writeKey")) {
			ObjectNode copy = object.deepCopy();
			copy.remove("writeKey");
			return ContractJson.mapper().writeValueAsString(copy);
		}
		return ContractJson.mapper().writeValueAsString(message);
	}

	/** The context and sentAt a batch gives all its messages. */
	record BatchDefaults(Map<String, @Nullable Object> context, @Nullable Instant sentAt) {

		static final BatchDefaults NONE = new BatchDefaults(Map.of(), null);

	}

	/**
	 * A rule the message breaks; turned into a rejection, never thrown out of the reader.
	 */
	static final class Rejection extends RuntimeException {

		private final @Nullable String field;

		Rejection(@Nullable String field, String message) {
			super(message, null, false, false);
			this.field = field;
		}

		@Nullable String field() {
			return this.field;
		}

	}

}
