package io.cdp.ingest.webhook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads provider payloads. Fields are addressed by dotted paths from the provider event
 * ({@code event-data.delivery-status.code}); a field of the wrong type throws an
 * {@link UnmappableEventException} naming the path, so that providers map the happy path
 * in straight lines and {@link #outcome} turns any failure into a rejection of that one
 * event.
 */
public final class WebhookJson {

	/**
	 * Bounds seconds before any arithmetic, so that {@code 1e999999999} costs nothing.
	 */
	private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

	/**
	 * The longest numeric text read as seconds: a whole number of seconds with nine
	 * decimals has 21 characters, so this leaves room for signs and exponents and keeps
	 * the {@code BigDecimal} parse cheap.
	 */
	private static final int MAX_SECONDS_TEXT = 40;

	/**
	 * The most decimals of seconds worth reading (far finer than a nanosecond). A decimal
	 * such as {@code 1e-999999999} has a scale of a billion; rounding it would make
	 * {@code BigDecimal} compute ten to the billionth power, which takes seconds of CPU
	 * or overflows.
	 */
	private static final int MAX_SECONDS_SCALE = 30;

	private static final Pattern INDEX = Pattern.compile("\\d{1,4}");

	private WebhookJson() {
	}

	/**
	 * Parses a webhook body.
	 * @param body the raw bytes
	 * @return the JSON tree, or empty if the body is empty or not JSON
	 */
	public static Optional<JsonNode> parse(byte[] body) {
		try {
			JsonNode tree = ContractJson.mapper().readTree(body);
			return (tree == null || tree.isMissingNode()) ? Optional.empty() : Optional.of(tree);
		}
		catch (JacksonException ex) {
			// Not JSON is an answer, not a failure: the caller rejects the body as a
			// whole.
			return Optional.empty();
		}
	}

	/**
	 * Maps one provider event, turning a mapping failure into a rejection of that event
	 * with its raw JSON, so that it reaches the dead-letter topic and can be replayed.
	 * @param item the provider event
	 * @param mapping maps it, throwing {@link UnmappableEventException} if it cannot
	 * @return the outcome
	 */
	public static MessageOutcome outcome(JsonNode item, Function<JsonNode, CustomerEvent> mapping) {
		try {
			return MessageOutcome.accepted(mapping.apply(item));
		}
		catch (UnmappableEventException ex) {
			return MessageOutcome.rejected(ex.field(), ex.getMessage(), compact(item));
		}
		catch (IllegalArgumentException ex) {
			// The event contract's own checks, such as the length of a message id.
			return MessageOutcome.rejected(null, ex.getMessage(), compact(item));
		}
	}

	/**
	 * Writes JSON back as compact text, for rejections.
	 * @param node the JSON
	 * @return the text
	 */
	public static String compact(JsonNode node) {
		return ContractJson.mapper().writeValueAsString(node);
	}

	/**
	 * Returns the node at a path. A segment of digits indexes an array
	 * ({@code data.item.contacts.contacts.0.id}).
	 * @param root the provider event
	 * @param path dotted field names and array indexes
	 * @return the node, or null if it or a parent is absent or JSON null
	 * @throws UnmappableEventException if a parent is neither an object nor, for an
	 * index, an array
	 */
	public static @Nullable JsonNode at(JsonNode root, String path) {
		JsonNode node = root;
		int start = 0;
		while (true) {
			int dot = path.indexOf('.', start);
			String name = (dot < 0) ? path.substring(start) : path.substring(start, dot);
			if (node.isArray() && INDEX.matcher(name).matches()) {
				node = node.get(Integer.parseInt(name));
			}
			else if (node.isObject()) {
				node = node.get(name);
			}
			else {
				String parent = (start == 0) ? null : path.substring(0, start - 1);
				throw new UnmappableEventException(parent,
						((parent != null) ? parent : "the event") + " must be a JSON object");
			}
			if (node == null || node.isNull()) {
				return null;
			}
			if (dot < 0) {
				return node;
			}
			start = dot + 1;
		}
	}

	/**
	 * Returns an object at a path.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the object, or null if absent
	 * @throws UnmappableEventException if the value is not an object
	 */
	public static @Nullable JsonNode object(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node != null && !node.isObject()) {
			throw new UnmappableEventException(path, path + " must be a JSON object");
		}
		return node;
	}

	/**
	 * Returns a text at a path. Numbers are accepted and written as text, because
	 * providers send ids sometimes as numbers and sometimes as strings.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the text, or null if absent or blank
	 * @throws UnmappableEventException if the value is neither a string nor a number
	 */
	public static @Nullable String text(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		if (node.isNumber()) {
			return node.asString();
		}
		if (!node.isString()) {
			throw new UnmappableEventException(path, path + " must be a string");
		}
		String text = node.stringValue().strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * Returns a required text at a path.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the text, not blank
	 * @throws UnmappableEventException if it is absent, blank or not a string or number
	 */
	public static String requiredText(JsonNode root, String path) {
		return require(text(root, path), path);
	}

	/**
	 * Returns a value for the properties or traits of an event.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the value as plain Java (maps, lists, strings, numbers, booleans), or null
	 * if absent
	 */
	public static @Nullable Object value(JsonNode root, String path) {
		JsonNode node = at(root, path);
		return (node != null) ? ContractJson.mapper().treeToValue(node, Object.class) : null;
	}

	/**
	 * Returns a time given as seconds since the epoch, whole ({@code 1513299569}) or with
	 * a fraction ({@code 1521472262.908181}), as a number or a numeric string. A numeric
	 * string of more than 40 characters, or a number with more than 30 decimals (such as
	 * {@code "1e-999999999"}), is refused before any arithmetic, so that no value costs
	 * more than a few microseconds.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the time, or null if absent
	 * @throws UnmappableEventException if the value is not a number of seconds
	 */
	public static @Nullable Instant epochSeconds(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		BigDecimal seconds = decimal(node);
		if (seconds == null || seconds.scale() > MAX_SECONDS_SCALE || seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
			throw new UnmappableEventException(path, path + " must be seconds since the epoch");
		}
		BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
		int nanos = seconds.subtract(whole).movePointRight(9).intValue();
		return Instant.ofEpochSecond(whole.longValueExact(), nanos);
	}

	/**
	 * Returns a time given in ISO-8601 with an offset; seconds are optional
	 * ({@code 2013-12-12T05:35Z}) because Zendesk placeholders leave them out.
	 * @param root the provider event
	 * @param path dotted field names
	 * @return the time, or null if absent
	 * @throws UnmappableEventException if the value is not such a time
	 */
	public static @Nullable Instant isoInstant(JsonNode root, String path) {
		String text = text(root, path);
		if (text == null) {
			return null;
		}
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			throw new UnmappableEventException(path, path + " must be an ISO-8601 time with an offset");
		}
	}

	/**
	 * Returns a value that must be present.
	 * @param <T> the type of the value
	 * @param value the value read from the path
	 * @param path dotted field names, for the message
	 * @return the value
	 * @throws UnmappableEventException if the value is null
	 */
	public static <T> T require(@Nullable T value, String path) {
		if (value == null) {
			throw new UnmappableEventException(path, path + " is missing");
		}
		return value;
	}

	/**
	 * Puts a value into properties or traits unless it is null, so that events carry only
	 * what the provider sent.
	 * @param target the properties or traits
	 * @param key the key
	 * @param value the value, or null
	 */
	public static void putPresent(Map<String, @Nullable Object> target, String key, @Nullable Object value) {
		if (value != null) {
			target.put(key, value);
		}
	}

	private static @Nullable BigDecimal decimal(JsonNode node) {
		if (node.isNumber()) {
			boolean infinite = node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue());
			return infinite ? null : node.decimalValue();
		}
		if (node.isString()) {
			String text = node.stringValue().strip();
			if (text.length() > MAX_SECONDS_TEXT) {
				return null;
			}
			try {
				return new BigDecimal(text);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
