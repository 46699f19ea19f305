package io.cdp.ingest.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a mapped source's JSON into canonical events with its {@link SourceMapping}: one
 * outcome per element of an array, or one for a single object, in body order. An element
 * that breaks a rule is rejected on its own, naming the mapped field at fault
 * ({@code timestamp}, {@code identifiers}) and the expression it was read from, with the
 * element kept as payload for the dead-letter topic; its siblings are still accepted.
 *
 * <p>
 * Values are read as the other intake paths read them: ids and names as text (numbers are
 * written as text, strings stripped, blank ones absent), identifiers kept as sent for
 * identity resolution to normalise, traits and properties as plain JSON values (absent
 * and null ones left out), times as ISO-8601 with an offset. Without a mapped
 * {@code messageId} the id is derived from the source and the element's content, so that
 * a re-posted element is deduplicated downstream like a redelivered webhook.
 */
final class MappedEventReader {

	/** Namespace of derived message ids, next to the webhook providers' names. */
	static final String MESSAGE_ID_NAMESPACE = "mapped";

	/**
	 * Writes elements with their members sorted, so that the derived message id does not
	 * depend on the order a sender happens to write its keys in.
	 */
	private static final JsonMapper CANONICAL = ContractJson.mapper()
		.rebuild()
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.build();

	/**
	 * Maps a body.
	 * @param body a JSON object, or an array of elements
	 * @param source the mapped source
	 * @param mapping the source's mapping
	 * @param receivedAt when the request was received
	 * @return one outcome per element, in body order
	 * @throws IllegalArgumentException if the body is neither an object nor an array (the
	 * controller refuses those first)
	 */
	List<MessageOutcome> read(JsonNode body, Source source, SourceMapping mapping, Instant receivedAt) {
		List<MessageOutcome> outcomes = new ArrayList<>(body.size());
		for (JsonNode element : elements(body)) {
			outcomes.add(outcome(element, source, mapping, receivedAt));
		}
		return outcomes;
	}

	/**
	 * Rejects every element of a body with the same reason, for a source whose mapping
	 * cannot be used: the elements wait on the dead-letter topic until it is fixed.
	 * @param body a JSON object, or an array of elements
	 * @param field the field at fault, or null
	 * @param reason why
	 * @return one rejection per element, in body order
	 */
	List<MessageOutcome> rejectAll(JsonNode body, @Nullable String field, String reason) {
		return elements(body).stream()
			.map((element) -> MessageOutcome.rejected(field, reason, JsonFields.compact(element)))
			.toList();
	}

	private static List<JsonNode> elements(JsonNode body) {
		if (body.isArray()) {
			return List.copyOf(body.values());
		}
		if (body.isObject()) {
			return List.of(body);
		}
		throw new IllegalArgumentException(
				"a mapped body is a JSON object or an array, not " + JsonFields.describe(body));
	}

	private MessageOutcome outcome(JsonNode element, Source source, SourceMapping mapping, Instant receivedAt) {
		return MessageOutcome.read(element, (message) -> {
			if (!message.isObject()) {
				throw new InvalidFieldException(null,
						"an element must be a JSON object, not " + JsonFields.describe(message));
			}
			return event(message, source, mapping, receivedAt);
		});
	}

	private CustomerEvent event(JsonNode element, Source source, SourceMapping mapping, Instant receivedAt) {
		EventType type = mapping.type();
		String name = text(element, "event", mapping.event());
		String groupId = text(element, "groupId", mapping.groupId());
		String previousId = text(element, "previousId", mapping.previousId());
		switch (type) {
			case TRACK -> requirePresent(name, "event", mapping.event());
			case GROUP -> requirePresent(groupId, "groupId", mapping.groupId());
			case ALIAS -> requirePresent(previousId, "previousId", mapping.previousId());
			case IDENTIFY, PAGE, SCREEN -> {
				// Nothing else is required of these types.
			}
		}
		CustomerEventBuilder event = CustomerEvent.builder()
			.messageId(messageId(element, source, mapping))
			.type(type)
			.name(name)
			.channel(channel(element, source, mapping))
			.sourceId(source.id())
			.groupId(groupId)
			.previousId(previousId)
			.traits(values(element, mapping.traits()))
			.properties(values(element, mapping.properties()))
			.occurredAt(occurredAt(element, mapping, receivedAt))
			.receivedAt(receivedAt);
		identifiers(element, mapping).forEach(event::identifier);
		return event.build();
	}

	private static String messageId(JsonNode element, Source source, SourceMapping mapping) {
		String mapped = text(element, "messageId", mapping.messageId());
		if (mapped == null) {
			return MessageIds.derived(MESSAGE_ID_NAMESPACE, source.id(), CANONICAL.writeValueAsString(element));
		}
		if (mapped.length() > CustomerEvent.MAX_MESSAGE_ID_LENGTH) {
			throw new InvalidFieldException("messageId",
					"messageId must be at most " + CustomerEvent.MAX_MESSAGE_ID_LENGTH + " characters, but "
							+ expression(mapping.messageId()) + " has " + mapped.length());
		}
		return mapped;
	}

	private static Channel channel(JsonNode element, Source source, SourceMapping mapping) {
		String name = text(element, "channel", mapping.channel());
		if (name == null) {
			return source.channel();
		}
		for (Channel candidate : Channel.values()) {
			if (candidate.wireName().equals(name.toLowerCase(Locale.ROOT))) {
				return candidate;
			}
		}
		throw new InvalidFieldException("channel", "channel must be one of web, mobile, email, support, server, but "
				+ expression(mapping.channel()) + " is not");
	}

	private static Instant occurredAt(JsonNode element, SourceMapping mapping, Instant receivedAt) {
		MappingExpression timestamp = mapping.timestamp();
		JsonNode value = (timestamp != null) ? timestamp.valueIn(element) : null;
		if (value == null) {
			return receivedAt;
		}
		String problem = "timestamp must be an ISO-8601 date-time with an offset, such as 2025-03-01T10:15:30Z or "
				+ "2025-03-01T11:15:30+01:00, but " + expression(timestamp);
		if (!value.isString()) {
			throw new InvalidFieldException("timestamp", problem + " is " + JsonFields.describe(value));
		}
		Instant occurredAt = JsonFields.offsetDateTime(value.stringValue().strip());
		if (occurredAt == null) {
			throw new InvalidFieldException("timestamp", problem + " is not");
		}
		return occurredAt;
	}

	private static List<Identifier> identifiers(JsonNode element, SourceMapping mapping) {
		List<Identifier> identifiers = new ArrayList<>();
		mapping.identifiers().forEach((type, expression) -> {
			String value = text(element, "identifiers." + type.name(), expression);
			if (value != null) {
				identifiers.add(new Identifier(type, value));
			}
		});
		if (identifiers.isEmpty()) {
			String lookedFor = mapping.identifiers()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " at " + entry.getValue().text())
				.collect(Collectors.joining(", "));
			throw new InvalidFieldException("identifiers", "no identifier has a value; looked for " + lookedFor);
		}
		return identifiers;
	}

	private static Map<String, @Nullable Object> values(JsonNode element, Map<String, MappingExpression> mapped) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		mapped.forEach((key, expression) -> {
			JsonNode value = expression.valueIn(element);
			if (value != null) {
				values.put(key, JsonFields.value(value));
			}
		});
		return values;
	}

	private static void requirePresent(@Nullable String value, String field, @Nullable MappingExpression expression) {
		if (value == null) {
			throw new InvalidFieldException(field, field + " is missing: " + expression(expression) + " has no value");
		}
	}

	/**
	 * Reads a text the way providers' ids are read: strings stripped, numbers written as
	 * text, blank or absent as null.
	 */
	private static @Nullable String text(JsonNode element, String field, @Nullable MappingExpression expression) {
		JsonNode value = (expression != null) ? expression.valueIn(element) : null;
		if (value == null) {
			return null;
		}
		if (!JsonFields.isStringOrNumber(value)) {
			throw new InvalidFieldException(field, field + " must be a string or a number, but " + expression.text()
					+ " is " + JsonFields.describe(value));
		}
		return JsonFields.strippedText(value);
	}

	private static String expression(@Nullable MappingExpression expression) {
		return (expression != null) ? expression.text() : "the value";
	}

}
