package io.cdp.ingest.collect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of the fields of one incoming message, the same on every intake path (the
 * tracking API, webhook providers, mapped sources). Fields are addressed by dotted paths
 * from the message ({@code event-data.delivery-status.code}; a segment of digits indexes
 * an array); a top-level name is a path of one segment. An absent field and JSON null are
 * both absent. A field of the wrong type or format throws an
 * {@link InvalidFieldException} naming its path, so that readers map the happy path in
 * straight lines and {@link MessageOutcome#read} turns any failure into a rejection of
 * that one message.
 *
 * <p>
 * Text comes in three strengths, because the channels promised different things before
 * they shared this kit and their events must stay byte for byte the same: {@link #string}
 * (a JSON string, as sent), {@link #id} (a string or a number, as sent, blank counting as
 * absent) and {@link #text} (a string or a number, stripped, blank counting as absent).
 */
public final class JsonFields {

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

	private JsonFields() {
	}

	/**
	 * Parses a body that may not be JSON at all, for channels that reject such a body as
	 * a message (to the dead-letter topic) rather than refusing the request.
	 * @param body the raw bytes
	 * @return the JSON tree, or empty if the body is empty or not JSON
	 */
	public static Optional<JsonNode> parseLeniently(byte[] body) {
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
	 * Returns the node at a path.
	 * @param root the message
	 * @param path dotted field names and array indexes
	 * @return the node, or null if it or a parent is absent or JSON null
	 * @throws InvalidFieldException if a parent is neither an object nor, for an index,
	 * an array
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
				throw new InvalidFieldException(parent,
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
	 * @param root the message
	 * @param path dotted field names
	 * @return the object, or null if absent
	 * @throws InvalidFieldException if the value is not an object
	 */
	public static @Nullable JsonNode object(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node != null && !node.isObject()) {
			throw new InvalidFieldException(path, path + " must be a JSON object");
		}
		return node;
	}

	/**
	 * Returns an object at a path as a map, for a context, traits or properties that are
	 * taken whole.
	 * @param root the message
	 * @param path dotted field names
	 * @return the members as plain Java values, empty if absent
	 * @throws InvalidFieldException if the value is not an object
	 */
	public static Map<String, @Nullable Object> map(JsonNode root, String path) {
		JsonNode node = object(root, path);
		return (node != null) ? JsonValues.map(node) : Map.of();
	}

	/**
	 * Returns a value for the properties or traits of an event.
	 * @param root the message
	 * @param path dotted field names
	 * @return the value as plain Java (maps, lists, strings, numbers, booleans), or null
	 * if absent
	 */
	public static @Nullable Object value(JsonNode root, String path) {
		JsonNode node = at(root, path);
		return (node != null) ? value(node) : null;
	}

	/**
	 * Returns a node as plain Java.
	 * @param node the node
	 * @return maps, lists, strings, numbers or booleans
	 */
	public static @Nullable Object value(JsonNode node) {
		return ContractJson.mapper().treeToValue(node, Object.class);
	}

	/**
	 * Returns a JSON string at a path, exactly as sent: blank strings are kept and
	 * numbers are refused.
	 * @param root the message
	 * @param path dotted field names
	 * @return the string, or null if absent
	 * @throws InvalidFieldException if the value is not a string
	 */
	public static @Nullable String string(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		if (!node.isString()) {
			throw notAString(path);
		}
		return node.asString();
	}

	/**
	 * Returns an id at a path as sent: a string, or a number written as text, because
	 * SDKs send ids either way. Ids are not stripped, since they identify.
	 * @param root the message
	 * @param path dotted field names
	 * @return the id, or null if absent or blank
	 * @throws InvalidFieldException if the value is neither a string nor a number
	 */
	public static @Nullable String id(JsonNode root, String path) {
		JsonNode node = stringOrNumber(root, path);
		if (node == null) {
			return null;
		}
		String id = node.asString();
		return id.isBlank() ? null : id;
	}

	/**
	 * Returns a text at a path, stripped. Numbers are accepted and written as text,
	 * because providers send ids sometimes as numbers and sometimes as strings.
	 * @param root the message
	 * @param path dotted field names
	 * @return the text, or null if absent or blank
	 * @throws InvalidFieldException if the value is neither a string nor a number
	 */
	public static @Nullable String text(JsonNode root, String path) {
		JsonNode node = stringOrNumber(root, path);
		return (node != null) ? strippedText(node) : null;
	}

	/**
	 * Returns a required text at a path.
	 * @param root the message
	 * @param path dotted field names
	 * @return the text, not blank
	 * @throws InvalidFieldException if it is absent, blank or not a string or number
	 */
	public static String requiredText(JsonNode root, String path) {
		return require(text(root, path), path);
	}

	/**
	 * Whether a node can be read as text: a string, or a number written as text.
	 * @param node the node
	 * @return whether it is a string or a number
	 */
	public static boolean isStringOrNumber(JsonNode node) {
		return node.isString() || node.isNumber();
	}

	/**
	 * Returns a string or a number as stripped text.
	 * @param node a node for which {@link #isStringOrNumber} holds
	 * @return the text, or null if it is blank
	 */
	public static @Nullable String strippedText(JsonNode node) {
		if (node.isNumber()) {
			return node.asString();
		}
		String text = node.stringValue().strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * Returns a JSON boolean at a path.
	 * @param root the message
	 * @param path dotted field names
	 * @return the value, or null if absent
	 * @throws InvalidFieldException if the value is not a JSON boolean
	 */
	public static @Nullable Boolean bool(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		if (!node.isBoolean()) {
			throw new InvalidFieldException(path, path + " must be true or false");
		}
		return node.booleanValue();
	}

	/**
	 * Returns a time in ISO-8601 as the tracking API takes it: with an offset, or without
	 * one as UTC, as some SDKs send local times.
	 * @param root the message
	 * @param path dotted field names
	 * @return the time, or null if absent
	 * @throws InvalidFieldException if the value is not such a time as a string
	 */
	public static @Nullable Instant dateTime(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidFieldException(path, path + " must be an ISO-8601 date-time string");
		}
		try {
			return IsoDateTime.parse(node.asString());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidFieldException(path,
					path + " must be an ISO-8601 date-time such as 2024-05-01T12:30:00.000Z");
		}
	}

	/**
	 * Returns a time given in ISO-8601 with an offset; seconds are optional
	 * ({@code 2013-12-12T05:35Z}) because Zendesk placeholders leave them out.
	 * @param root the message
	 * @param path dotted field names
	 * @return the time, or null if absent
	 * @throws InvalidFieldException if the value is not such a time
	 */
	public static @Nullable Instant isoInstant(JsonNode root, String path) {
		String text = text(root, path);
		if (text == null) {
			return null;
		}
		Instant instant = offsetDateTime(text);
		if (instant == null) {
			throw new InvalidFieldException(path, path + " must be an ISO-8601 time with an offset");
		}
		return instant;
	}

	/**
	 * Parses an ISO-8601 time with an offset.
	 * @param text the text, already stripped
	 * @return the time, or null if the text is not such a time
	 */
	public static @Nullable Instant offsetDateTime(String text) {
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Returns a time given as seconds since the epoch, whole ({@code 1513299569}) or with
	 * a fraction ({@code 1521472262.908181}), as a number or a numeric string. A numeric
	 * string of more than 40 characters, or a number with more than 30 decimals (such as
	 * {@code "1e-999999999"}), is refused before any arithmetic, so that no value costs
	 * more than a few microseconds.
	 * @param root the message
	 * @param path dotted field names
	 * @return the time, or null if absent
	 * @throws InvalidFieldException if the value is not a number of seconds
	 */
	public static @Nullable Instant epochSeconds(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node == null) {
			return null;
		}
		BigDecimal seconds = decimal(node);
		if (seconds == null || seconds.scale() > MAX_SECONDS_SCALE || seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
			throw new InvalidFieldException(path, path + " must be seconds since the epoch");
		}
		BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
		int nanos = seconds.subtract(whole).movePointRight(9).intValue();
		return Instant.ofEpochSecond(whole.longValueExact(), nanos);
	}

	/**
	 * Returns a value that must be present.
	 * @param <T> the type of the value
	 * @param value the value read from the path
	 * @param path dotted field names, for the message
	 * @return the value
	 * @throws InvalidFieldException if the value is null
	 */
	public static <T> T require(@Nullable T value, String path) {
		if (value == null) {
			throw new InvalidFieldException(path, path + " is missing");
		}
		return value;
	}

	/**
	 * Puts a value into properties or traits unless it is null, so that events carry only
	 * what the sender sent.
	 * @param target the properties or traits
	 * @param key the key
	 * @param value the value, or null
	 */
	public static void putPresent(Map<String, @Nullable Object> target, String key, @Nullable Object value) {
		if (value != null) {
			target.put(key, value);
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
	 * Tells whether JSON written back as compact text ({@link #compact}) fits in a number
	 * of UTF-8 bytes, without writing it when a bound on its size already says so.
	 * @param node the JSON
	 * @param maxBytes the most bytes
	 * @return whether the compact UTF-8 text has at most that many bytes
	 */
	public static boolean compactFits(JsonNode node, long maxBytes) {
		return surelyFits(node, maxBytes) || compact(node).getBytes(StandardCharsets.UTF_8).length <= maxBytes;
	}

	/**
	 * Tells whether a bound on the size of the compact text of JSON ({@link #compact})
	 * says it fits in a number of UTF-8 bytes; the bound counts every character of a
	 * string as escaped and every number at the longest text of its kind, so a realistic
	 * message of a few kilobytes passes a limit of 32 KB without being written.
	 * @param node the JSON
	 * @param maxBytes the most bytes
	 * @return true if it surely fits, false if it may not
	 */
	public static boolean surelyFits(JsonNode node, long maxBytes) {
		return JsonValues.compactSizeBound(node, maxBytes) <= maxBytes;
	}

	/**
	 * Names the type of a node for people: {@code an object}, {@code a number}.
	 * @param node the node
	 * @return the description
	 */
	public static String describe(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> "an object";
			case ARRAY -> "an array";
			case STRING -> "a string";
			case NUMBER -> "a number";
			case BOOLEAN -> "a boolean";
			default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
		};
	}

	private static @Nullable JsonNode stringOrNumber(JsonNode root, String path) {
		JsonNode node = at(root, path);
		if (node != null && !isStringOrNumber(node)) {
			throw notAString(path);
		}
		return node;
	}

	private static InvalidFieldException notAString(String path) {
		return new InvalidFieldException(path, path + " must be a string");
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
