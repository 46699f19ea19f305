package io.cdp.ingest.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.mapping.InvalidMappingException.Problem;
import io.cdp.ingest.mapping.MappingExpression.Constant;
import io.cdp.ingest.mapping.MappingExpression.Path;
import io.cdp.ingest.mapping.MappingExpression.Pointer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A mapped source's mapping, parsed and checked: the event type its elements become and
 * where each field of the canonical event comes from. In JSON:
 *
 * <pre>
 * {"type": "track",
 *  "event": {"const": "Order Completed"},
 *  "messageId": "/receipt/id",
 *  "timestamp": "/purchasedAt",
 *  "identifiers": {"email": "/customer/email", "user_id": "$.customer.loyaltyId"},
 *  "traits": {"firstName": "/customer/firstName"},
 *  "properties": {"total": "/totals/grand", "products": "/lines"}}
 * </pre>
 *
 * <p>
 * {@code type} defaults to {@code track}. {@code event} (the event, page or screen name)
 * is required for track and allowed for page and screen; {@code groupId} is required for
 * group and {@code previousId} for alias, and each is refused for other types. At least
 * one identifier is required; its type is a built-in one or a custom snake-case name.
 * {@code messageId}, {@code timestamp} and {@code channel} are optional. Identifiers,
 * {@code messageId} and {@code timestamp} must come from the payload: as constants they
 * would make every event the same person, a duplicate, or happen at the same instant.
 * Unknown keys are refused, so a misspelt key never silently maps nothing.
 *
 * <p>
 * Immutable and thread-safe; {@link #parse} collects every problem before it throws.
 */
final class SourceMapping {

	/** Every key a mapping may have. */
	static final List<String> KEYS = List.of("type", "event", "messageId", "timestamp", "channel", "groupId",
			"previousId", "identifiers", "traits", "properties");

	private static final String ROOT = "mapping";

	private final EventType type;

	private final @Nullable MappingExpression event;

	private final @Nullable MappingExpression messageId;

	private final @Nullable MappingExpression timestamp;

	private final @Nullable MappingExpression channel;

	private final @Nullable MappingExpression groupId;

	private final @Nullable MappingExpression previousId;

	private final Map<IdentifierType, MappingExpression> identifiers;

	private final Map<String, MappingExpression> traits;

	private final Map<String, MappingExpression> properties;

	private SourceMapping(Parser parsed) {
		this.type = parsed.type;
		this.event = parsed.event;
		this.messageId = parsed.messageId;
		this.timestamp = parsed.timestamp;
		this.channel = parsed.channel;
		this.groupId = parsed.groupId;
		this.previousId = parsed.previousId;
		this.identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(parsed.identifiers));
		this.traits = Collections.unmodifiableMap(new LinkedHashMap<>(parsed.traits));
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(parsed.properties));
	}

	/**
	 * Parses and checks a mapping.
	 * @param json the mapping as configured on the source; null or JSON null when there
	 * is none
	 * @return the mapping
	 * @throws InvalidMappingException naming every problem, with fields under
	 * {@code mapping.}
	 */
	static SourceMapping parse(@Nullable JsonNode json) {
		return new Parser().parse(json);
	}

	/** The type of every event of the source. */
	EventType type() {
		return this.type;
	}

	/** The event, page or screen name; null for types without one. */
	@Nullable MappingExpression event() {
		return this.event;
	}

	/** The message id; null to derive one from the element. */
	@Nullable MappingExpression messageId() {
		return this.messageId;
	}

	/** When the event happened; null to use the time of receipt. */
	@Nullable MappingExpression timestamp() {
		return this.timestamp;
	}

	/** The channel; null to use the source's. */
	@Nullable MappingExpression channel() {
		return this.channel;
	}

	/** The account of a group event; null for other types. */
	@Nullable MappingExpression groupId() {
		return this.groupId;
	}

	/** The identity an alias event links from; null for other types. */
	@Nullable MappingExpression previousId() {
		return this.previousId;
	}

	/** The identifiers by type, at least one, in mapping order. */
	Map<IdentifierType, MappingExpression> identifiers() {
		return this.identifiers;
	}

	/** The traits by key, in mapping order. */
	Map<String, MappingExpression> traits() {
		return this.traits;
	}

	/** The properties by key, in mapping order. */
	Map<String, MappingExpression> properties() {
		return this.properties;
	}

	/** What a field's value may be. */
	private enum Use {

		/** A text from the payload or a non-blank string constant. */
		TEXT,

		/** A channel name from the payload or a known channel constant. */
		CHANNEL,

		/** Only from the payload, never a constant. */
		PAYLOAD_ONLY,

		/** Any JSON from the payload or any constant. */
		ANY

	}

	/** One parse: collects the fields and every problem, then builds or throws. */
	private static final class Parser {

		private final List<Problem> problems = new ArrayList<>();

		private EventType type = EventType.TRACK;

		private @Nullable MappingExpression event;

		private @Nullable MappingExpression messageId;

		private @Nullable MappingExpression timestamp;

		private @Nullable MappingExpression channel;

		private @Nullable MappingExpression groupId;

		private @Nullable MappingExpression previousId;

		private final Map<IdentifierType, MappingExpression> identifiers = new LinkedHashMap<>();

		private final Map<String, MappingExpression> traits = new LinkedHashMap<>();

		private final Map<String, MappingExpression> properties = new LinkedHashMap<>();

		SourceMapping parse(@Nullable JsonNode json) {
			if (json == null || json.isNull() || json.isMissingNode()) {
				throw new InvalidMappingException(
						List.of(new Problem(ROOT, "mapping is required for a mapped source")));
			}
			if (!json.isObject()) {
				throw new InvalidMappingException(List.of(new Problem(ROOT, "mapping must be a JSON object")));
			}
			for (String key : json.propertyNames()) {
				if (!KEYS.contains(key)) {
					problem(field(key), field(key) + " is not a mapping key; the keys are " + String.join(", ", KEYS));
				}
			}
			EventType parsedType = type(json.get("type"));
			this.event = expression(json.get("event"), field("event"), Use.TEXT);
			this.messageId = expression(json.get("messageId"), field("messageId"), Use.PAYLOAD_ONLY);
			this.timestamp = expression(json.get("timestamp"), field("timestamp"), Use.PAYLOAD_ONLY);
			this.channel = expression(json.get("channel"), field("channel"), Use.CHANNEL);
			this.groupId = expression(json.get("groupId"), field("groupId"), Use.TEXT);
			this.previousId = expression(json.get("previousId"), field("previousId"), Use.TEXT);
			if (parsedType != null) {
				this.type = parsedType;
				checkTypeSpecificFields(json);
			}
			identifiers(json.get("identifiers"));
			values(json.get("traits"), "traits", this.traits);
			values(json.get("properties"), "properties", this.properties);
			if (!this.problems.isEmpty()) {
				throw new InvalidMappingException(this.problems);
			}
			return new SourceMapping(this);
		}

		private @Nullable EventType type(@Nullable JsonNode node) {
			if (node == null || node.isNull()) {
				return EventType.TRACK;
			}
			if (node.isString()) {
				for (EventType candidate : EventType.values()) {
					if (candidate.wireName().equals(node.stringValue().strip().toLowerCase(Locale.ROOT))) {
						return candidate;
					}
				}
			}
			problem(field("type"), field("type") + " must be one of track, identify, page, screen, group, alias");
			return null;
		}

		private void checkTypeSpecificFields(JsonNode json) {
			String type = this.type.wireName();
			if (this.type == EventType.TRACK) {
				require(json, "event", "track events, such as {\"const\": \"Order Completed\"}");
			}
			else if (this.type != EventType.PAGE && this.type != EventType.SCREEN) {
				refuse(json, "event", "track, page and screen events, not " + type);
			}
			if (this.type == EventType.GROUP) {
				require(json, "groupId", "group events");
			}
			else {
				refuse(json, "groupId", "group events, not " + type);
			}
			if (this.type == EventType.ALIAS) {
				require(json, "previousId", "alias events");
			}
			else {
				refuse(json, "previousId", "alias events, not " + type);
			}
		}

		private void require(JsonNode json, String key, String forWhat) {
			if (isAbsent(json.get(key))) {
				problem(field(key), field(key) + " is required for " + forWhat);
			}
		}

		private void refuse(JsonNode json, String key, String forWhat) {
			if (!isAbsent(json.get(key))) {
				problem(field(key), field(key) + " is only for " + forWhat);
			}
		}

		private void identifiers(@Nullable JsonNode node) {
			String field = field("identifiers");
			String example = "such as {\"email\": \"/customer/email\"}";
			if (isAbsent(node)) {
				problem(field, field + " is required: at least one identifier type with its expression, " + example);
				return;
			}
			if (!node.isObject() || node.size() == 0) {
				problem(field, field + " must be a JSON object of at least one identifier type with its expression, "
						+ example);
				return;
			}
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String identifierField = field + "." + entry.getKey();
				IdentifierType type = identifierType(entry.getKey(), identifierField);
				MappingExpression expression = expression(entry.getValue(), identifierField, Use.PAYLOAD_ONLY);
				if (type != null && expression != null) {
					this.identifiers.put(type, expression);
				}
			}
		}

		private @Nullable IdentifierType identifierType(String name, String field) {
			try {
				return IdentifierType.of(name);
			}
			catch (IllegalArgumentException ex) {
				problem(field, field + " is not an identifier type: use user_id, anonymous_id, email, phone, "
						+ "device_id or a custom type of lower-case letters, digits and '_', starting with a letter, "
						+ "at most 64 characters");
				return null;
			}
		}

		private void values(@Nullable JsonNode node, String key, Map<String, MappingExpression> target) {
			String field = field(key);
			if (isAbsent(node)) {
				return;
			}
			if (!node.isObject()) {
				problem(field, field + " must be a JSON object of keys with their expressions");
				return;
			}
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (entry.getKey().isBlank()) {
					problem(field, field + " has a blank key");
					continue;
				}
				MappingExpression expression = expression(entry.getValue(), field + "." + entry.getKey(), Use.ANY);
				if (expression != null) {
					target.put(entry.getKey(), expression);
				}
			}
		}

		private @Nullable MappingExpression expression(@Nullable JsonNode node, String field, Use use) {
			if (isAbsent(node)) {
				return null;
			}
			if (node.isString()) {
				String text = node.stringValue();
				try {
					if (text.startsWith("/")) {
						return Pointer.of(text);
					}
					if (text.startsWith("$")) {
						return Path.of(text);
					}
				}
				catch (IllegalArgumentException ex) {
					String kind = text.startsWith("/") ? "JSON Pointer" : "JSONPath";
					problem(field, field + " is not a valid " + kind + ": " + ex.getMessage());
					return null;
				}
			}
			if (node.isObject() && node.size() == 1 && node.has("const")) {
				return constant(node.get("const"), field, use);
			}
			problem(field,
					field + ((use != Use.PAYLOAD_ONLY)
							? " must be a JSON Pointer (/a/b), a JSONPath ($.a.b) or {\"const\": value}"
							: " must be a JSON Pointer (/a/b) or a JSONPath ($.a.b)"));
			return null;
		}

		private @Nullable MappingExpression constant(JsonNode value, String field, Use use) {
			switch (use) {
				case PAYLOAD_ONLY -> {
					problem(field, field + " must come from the payload (a JSON Pointer or a JSONPath), not a "
							+ "constant: every event would have the same value");
					return null;
				}
				case TEXT -> {
					if (!value.isString() || value.stringValue().isBlank()) {
						problem(field, field + " must be a non-blank string constant");
						return null;
					}
				}
				case CHANNEL -> {
					if (!value.isString() || !isChannel(value.stringValue())) {
						problem(field, field + " must be one of web, mobile, email, support, server");
						return null;
					}
				}
				case ANY -> {
				}
			}
			return new Constant(value);
		}

		private static boolean isChannel(String name) {
			for (Channel candidate : Channel.values()) {
				if (candidate.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
					return true;
				}
			}
			return false;
		}

		private static boolean isAbsent(@Nullable JsonNode node) {
			return node == null || node.isNull() || node.isMissingNode();
		}

		private static String field(String key) {
			return ROOT + "." + key;
		}

		private void problem(String field, String message) {
			this.problems.add(new Problem(field, message));
		}

	}

}
