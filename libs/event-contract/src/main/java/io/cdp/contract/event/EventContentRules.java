package io.cdp.contract.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a canonical {@link CustomerEvent} may contain before it goes on
 * {@code cdp.events.v1}: the one definition every intake path applies, so that nothing
 * reaches identity resolution, the state stores or PostgreSQL that they cannot hold.
 *
 * <p>
 * Text must be well-formed: no NUL character (U+0000; PostgreSQL's {@code text} and
 * {@code jsonb} refuse it) and no unpaired UTF-16 surrogate (valid JSON text such as
 * {@code "\ud800"}, which browsers produce when they cut an emoji in half, but not
 * encodable as UTF-8, so the Kafka Streams state written from it cannot be read back).
 * What happens to malformed text depends on what it is:
 * <ul>
 * <li><b>names are refused</b>: the message id, every identifier value, the previous id,
 * the group id, the event name and every key of traits, properties and context at any
 * depth. These identify a person, an event or a field; a repaired copy would silently
 * name something else (two different broken ids would become the same id), so the message
 * is rejected instead;</li>
 * <li><b>free text is repaired</b>: in a string value inside traits, properties or
 * context, each NUL and each unpaired surrogate is replaced with U+FFFD, the Unicode
 * replacement character, as a UTF-8 decoder does. The event is still worth keeping and
 * the damage stays visible.</li>
 * </ul>
 *
 * <p>
 * {@code occurredAt}, after clock-skew correction, must lie in
 * [{@link #EARLIEST_OCCURRED_AT}, {@link #LATEST_OCCURRED_AT}). A time outside is a
 * broken client clock or a unit mistake, not history: the event keeps the receipt time as
 * {@code occurredAt} and the client's time, as ISO-8601 text, in
 * {@code context.}{@value #ORIGINAL_TIMESTAMP}, so nothing is lost and the serving
 * store's monthly partitions are never asked for the year 10000.
 *
 * <p>
 * Sizes are bounded so that a profile cannot be bloated by one message:
 * {@value #MAX_DEPTH} levels of nesting, {@value #MAX_ENTRIES} entries in each of traits,
 * properties and context (object members and array elements at every depth), keys of at
 * most {@value #MAX_KEY_LENGTH} characters, event names of at most
 * {@value #MAX_NAME_LENGTH}, identifier values (and previous and group ids) of at most
 * {@value #MAX_IDENTIFIER_LENGTH}, which keeps them within PostgreSQL's index entry
 * limit. A message over a bound is rejected, naming the field.
 */
public final class EventContentRules {

	/** The earliest accepted {@code occurredAt}, inclusive. */
	public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("1970-01-01T00:00:00Z");

	/** The latest accepted {@code occurredAt}, exclusive. */
	public static final Instant LATEST_OCCURRED_AT = Instant.parse("2100-01-01T00:00:00Z");

	/** The context key that keeps a client time replaced by the receipt time. */
	public static final String ORIGINAL_TIMESTAMP = "originalTimestamp";

	/**
	 * The deepest nesting in traits, properties or context; the map itself is level 1.
	 */
	public static final int MAX_DEPTH = 64;

	/**
	 * The most entries in each of traits, properties and context, counting object members
	 * and array elements at every depth.
	 */
	public static final int MAX_ENTRIES = 2_000;

	/** The longest key in traits, properties or context, in UTF-16 characters. */
	public static final int MAX_KEY_LENGTH = 256;

	/** The longest event, page or screen name, in UTF-16 characters. */
	public static final int MAX_NAME_LENGTH = 512;

	/**
	 * The longest identifier value, previous id or group id, in UTF-16 characters: at
	 * most 1,536 bytes of UTF-8, within PostgreSQL's B-tree entry limit of about 2,700
	 * bytes.
	 */
	public static final int MAX_IDENTIFIER_LENGTH = 512;

	private static final char REPLACEMENT = '\uFFFD';

	/** How much of an offending key a field path shows. */
	private static final int KEY_SHOWN = 64;

	/** How much of a field path an answer shows; a path 64 levels deep can be long. */
	private static final int MAX_FIELD_SHOWN = 512;

	private EventContentRules() {
	}

	/**
	 * Checks an event against the rules, repairing what may be repaired.
	 * @param event the event as an intake path mapped it
	 * @return {@link EventContent.Valid} with the event or its repaired copy, or
	 * {@link EventContent.Invalid} naming the first field at fault
	 */
	public static EventContent check(CustomerEvent event) {
		try {
			return new Checker(event).check();
		}
		catch (Violation violation) {
			return new EventContent.Invalid(violation.field, violation.getMessage());
		}
	}

	/**
	 * Tells whether a text holds neither a NUL character nor an unpaired UTF-16
	 * surrogate, so that it can be encoded as UTF-8 and stored by PostgreSQL.
	 * @param text the text
	 * @return true if the text is well-formed
	 */
	public static boolean isWellFormed(String text) {
		return problemIn(text) == null;
	}

	/**
	 * Describes what makes a text malformed.
	 * @param text the text
	 * @return {@code "contains a NUL character"},
	 * {@code "contains an unpaired UTF-16 surrogate"}, or null if the text is well-formed
	 */
	public static @Nullable String problemIn(String text) {
		// Nearly every text holds neither: a plain pass finds the first NUL or surrogate,
		// and only from there are surrogate pairs told apart.
		int length = text.length();
		int first = 0;
		while (first < length) {
			char current = text.charAt(first);
			if (current == '\u0000' || Character.isSurrogate(current)) {
				break;
			}
			first++;
		}
		for (int index = first; index < length; index++) {
			char current = text.charAt(index);
			if (current == '\u0000') {
				return "contains a NUL character";
			}
			if (Character.isHighSurrogate(current) && index + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(index + 1))) {
				index++;
			}
			else if (Character.isSurrogate(current)) {
				return "contains an unpaired UTF-16 surrogate";
			}
		}
		return null;
	}

	/**
	 * Returns a well-formed copy of a text, with each NUL character and each unpaired
	 * surrogate replaced with U+FFFD.
	 * @param text the text
	 * @return the text itself if it is well-formed, otherwise the repaired copy
	 */
	public static String wellFormed(String text) {
		if (isWellFormed(text)) {
			return text;
		}
		StringBuilder repaired = new StringBuilder(text.length());
		for (int index = 0; index < text.length(); index++) {
			char current = text.charAt(index);
			if (Character.isHighSurrogate(current) && index + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(index + 1))) {
				repaired.append(current).append(text.charAt(++index));
			}
			else if (current == '\u0000' || Character.isSurrogate(current)) {
				repaired.append(REPLACEMENT);
			}
			else {
				repaired.append(current);
			}
		}
		return repaired.toString();
	}

	/** One check of one event; collects repairs on the way. */
	private static final class Checker {

		private final CustomerEvent event;

		private final List<String> repairs = new ArrayList<>(0);

		private int entries;

		Checker(CustomerEvent event) {
			this.event = event;
		}

		EventContent check() {
			requireName("messageId", this.event.messageId(), CustomerEvent.MAX_MESSAGE_ID_LENGTH);
			requireName("sourceId", this.event.sourceId(), MAX_IDENTIFIER_LENGTH);
			requireName("name", this.event.name(), MAX_NAME_LENGTH);
			requireName("previousId", this.event.previousId(), MAX_IDENTIFIER_LENGTH);
			requireName("groupId", this.event.groupId(), MAX_IDENTIFIER_LENGTH);
			List<Identifier> identifiers = this.event.identifiers();
			for (int index = 0; index < identifiers.size(); index++) {
				Identifier identifier = identifiers.get(index);
				requireName("identifiers[" + index + "].value", identifier.value(), MAX_IDENTIFIER_LENGTH,
						"the " + identifier.type().name() + " identifier");
			}
			Map<String, @Nullable Object> traits = freeForm("traits", this.event.traits());
			Map<String, @Nullable Object> properties = freeForm("properties", this.event.properties());
			Map<String, @Nullable Object> context = freeForm("context", this.event.context());
			Instant occurredAt = this.event.occurredAt();
			if (occurredAt.isBefore(EARLIEST_OCCURRED_AT) || !occurredAt.isBefore(LATEST_OCCURRED_AT)) {
				Map<String, @Nullable Object> kept = new LinkedHashMap<>(context);
				kept.put(ORIGINAL_TIMESTAMP, occurredAt.toString());
				context = kept;
				occurredAt = this.event.receivedAt();
				this.repairs.add("occurredAt: outside " + EARLIEST_OCCURRED_AT + " to " + LATEST_OCCURRED_AT
						+ ", replaced by receivedAt and kept in context." + ORIGINAL_TIMESTAMP);
			}
			if (this.repairs.isEmpty()) {
				return new EventContent.Valid(this.event, List.of());
			}
			CustomerEvent repaired = new CustomerEvent(this.event.messageId(), this.event.type(), this.event.name(),
					this.event.channel(), this.event.sourceId(), identifiers, this.event.previousId(),
					this.event.groupId(), traits, properties, context, occurredAt, this.event.receivedAt());
			return new EventContent.Valid(repaired, this.repairs);
		}

		private static void requireName(String field, @Nullable String value, int maxLength) {
			requireName(field, value, maxLength, field);
		}

		private static void requireName(String field, @Nullable String value, int maxLength, String what) {
			if (value == null) {
				return;
			}
			if (value.length() > maxLength) {
				throw new Violation(field,
						what + " must be at most " + maxLength + " characters but has " + value.length());
			}
			String problem = problemIn(value);
			if (problem != null) {
				throw new Violation(field, what + " " + problem);
			}
		}

		private Map<String, @Nullable Object> freeForm(String component, Map<String, @Nullable Object> map) {
			this.entries = 0;
			@SuppressWarnings("unchecked")
			Map<String, @Nullable Object> checked = (Map<String, @Nullable Object>) value(new Path(null, component, -1),
					map, 1);
			return checked;
		}

		/**
		 * Returns the value itself when nothing in it needs a repair, so that a good
		 * event is not copied.
		 */
		private @Nullable Object value(Path path, @Nullable Object value, int depth) {
			if (value instanceof String text) {
				String repaired = wellFormed(text);
				if (repaired != text) {
					this.repairs.add(path + ": " + problemIn(text).replace("contains ", "replaced ") + " with U+FFFD");
				}
				return repaired;
			}
			if (value instanceof Map<?, ?> map) {
				requireDepth(path, depth);
				return map(path, map, depth);
			}
			if (value instanceof Collection<?> list) {
				requireDepth(path, depth);
				return list(path, list, depth);
			}
			return value;
		}

		private Map<?, ?> map(Path path, Map<?, ?> map, int depth) {
			Map<Object, @Nullable Object> copy = null;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				count(path);
				String key = String.valueOf(entry.getKey());
				Path keyPath = new Path(path, key, -1);
				if (key.length() > MAX_KEY_LENGTH) {
					throw new Violation(keyPath.toString(),
							"a key in " + path + " must be at most " + MAX_KEY_LENGTH + " characters");
				}
				String problem = problemIn(key);
				if (problem != null) {
					throw new Violation(keyPath.toString(), "a key in " + path + " " + problem);
				}
				Object original = entry.getValue();
				Object checked = value(keyPath, original, depth + 1);
				if (checked != original && copy == null) {
					copy = new LinkedHashMap<>(map);
				}
				if (copy != null) {
					copy.put(entry.getKey(), checked);
				}
			}
			return (copy != null) ? copy : map;
		}

		private Collection<?> list(Path path, Collection<?> list, int depth) {
			List<@Nullable Object> copy = null;
			int index = 0;
			for (Object original : list) {
				count(path);
				Object checked = value(new Path(path, null, index), original, depth + 1);
				if (checked != original && copy == null) {
					copy = new ArrayList<>(list);
				}
				if (copy != null) {
					copy.set(index, checked);
				}
				index++;
			}
			return (copy != null) ? copy : list;
		}

		private void count(Path path) {
			if (++this.entries > MAX_ENTRIES) {
				String component = path.component();
				throw new Violation(component, component + " must hold at most " + MAX_ENTRIES
						+ " entries, counting object members and array elements at every depth");
			}
		}

		private static void requireDepth(Path path, int depth) {
			if (depth > MAX_DEPTH) {
				throw new Violation(path.toString(), path.component() + " must not be nested deeper than " + MAX_DEPTH
						+ " levels, but " + path + " is at level " + depth);
			}
		}

	}

	/**
	 * Where a value sits in traits, properties or context; spelled out only when a field
	 * must be named, so that a good event costs no string building.
	 */
	private record Path(@Nullable Path parent, @Nullable String key, int index) {

		String component() {
			return (this.parent != null) ? this.parent.component() : String.valueOf(this.key);
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			append(text);
			return text.toString();
		}

		private void append(StringBuilder text) {
			if (this.parent != null) {
				this.parent.append(text);
			}
			if (this.key == null) {
				text.append('[').append(this.index).append(']');
				return;
			}
			if (this.parent != null) {
				text.append('.');
			}
			String safe = wellFormed(this.key);
			text.append((safe.length() > KEY_SHOWN) ? safe.substring(0, KEY_SHOWN) + "…" : safe);
		}

	}

	/** A broken rule; carries the field to {@link #check} and never leaves this class. */
	private static final class Violation extends RuntimeException {

		private final String field;

		Violation(String field, String reason) {
			super(reason, null, false, false);
			this.field = (field.length() > MAX_FIELD_SHOWN) ? field.substring(0, MAX_FIELD_SHOWN) + "…" : field;
		}

	}

}
