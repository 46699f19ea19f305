package io.cdp.profile.identity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.profile.identity.IdentifierCommand.Lookup;
import io.cdp.profile.identity.IdentifierCommand.Repoint;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Cause;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A compact binary form of the identity topology's records written for every event: the
 * apply command, which carries the whole event (on the commands topic and in the waiting
 * commands' store), the event waiting for its lookups and the answers gathered so far (in
 * the gather step's stores), the merge command, the lookups, re-points and their answers.
 * Everything else, and any of these holding what this form has no place for, stays Smile
 * ({@link InternalSerde}).
 *
 * <p>
 * Why: these records are most of what the profile service writes and reads per event
 * (each event is stored while it waits, sent as an apply, read by its profile, often
 * forwarded along a merge pointer or parked while its profile waits), and Jackson's
 * handling of them (bean and map serializers, type ids, Smile's symbol tables) was the
 * largest cost left in flight recordings of the sustained load: about 28 % of the profile
 * service's samples, serializing and deserializing. For an apply command of a typical 1
 * KB event, writing takes 1.2 µs here against 3.0 µs as Smile and reading 1.4 against 4.4
 * µs, in 716 bytes against 1,004 (measured in one JVM, warm). Here a record is written
 * field by field: text as its UTF-8 length and bytes, numbers as variable-length
 * integers, the event's free-form maps as tagged values.
 *
 * <p>
 * The layout: {@link #MAGIC}, {@link #VERSION}, the record's kind, then its fields. The
 * magic byte is neither a JSON document's first byte nor Smile's header, so a reader
 * tells the three apart by it and reads what earlier versions wrote as before. Written
 * only when it reads back equal: the values of the free-form maps are those JSON reading
 * makes (maps with text keys, lists, text, booleans, integers, longs, big integers,
 * doubles, floats, big decimals, null); text holding an unpaired UTF-16 surrogate, or any
 * other value, makes {@link #write} answer null, and the record is written as before.
 * Bytes that cannot be read fail as a {@link JacksonException}, as unreadable Smile does,
 * so that the serde quarantines them the same way.
 */
final class BinaryRecords {

	/** The first byte of every record in this form. */
	static final byte MAGIC = (byte) 0xB7;

	/** The layout's version, the second byte. */
	static final byte VERSION = 1;

	private static final byte APPLY = 1;

	private static final byte PENDING_EVENT = 2;

	private static final byte MERGE = 3;

	private static final byte LOOKUP = 4;

	private static final byte REPOINT = 5;

	private static final byte LOOKUP_REPLY = 6;

	private static final byte PENDING_REPLIES = 7;

	private static final int NULL = 0;

	private static final int TEXT = 1;

	private static final int TRUE = 2;

	private static final int FALSE = 3;

	private static final int INT = 4;

	private static final int LONG = 5;

	private static final int DOUBLE = 6;

	private static final int MAP = 7;

	private static final int LIST = 8;

	private static final int BIG_INTEGER = 9;

	private static final int BIG_DECIMAL = 10;

	private static final int FLOAT = 11;

	/** Deeper than any record's reader would accept: refused, written as before. */
	private static final int MAX_DEPTH = 1_000;

	/** Identifier types by name: a handful, read on every record. */
	private static final Map<String, IdentifierType> TYPES = new ConcurrentHashMap<>();

	private static final int MAX_TYPES_KEPT = 1_000;

	private BinaryRecords() {
	}

	/**
	 * Whether the bytes are in this form.
	 * @param payload the bytes
	 * @return true when they start with {@link #MAGIC}
	 */
	static boolean isBinary(byte[] payload) {
		return payload.length >= 2 && payload[0] == MAGIC;
	}

	/**
	 * Writes a record in this form.
	 * @param value the record
	 * @return its bytes, or null when this form has no place for it or for what it holds
	 */
	static byte @Nullable [] write(Object value) {
		try {
			// Room for a whole event only where there is one: lookups and answers are a
			// few dozen bytes, and are written once per identifier.
			Out out = new Out((value instanceof Apply || value instanceof PendingEvent) ? 1024 : 128);
			out.writeByte(MAGIC);
			out.writeByte(VERSION);
			switch (value) {
				case Apply apply -> {
					out.writeByte(APPLY);
					ref(out, apply.target());
					event(out, apply.event());
					resolved(out, apply.resolved());
				}
				case PendingEvent pending -> {
					out.writeByte(PENDING_EVENT);
					event(out, pending.event());
					out.writeVarInt(pending.expectedReplies());
					replies(out, pending.replies());
				}
				case Merge merge -> {
					out.writeByte(MERGE);
					ref(out, merge.target());
					ref(out, merge.winner());
					out.writeText(merge.causeMessageId());
					Cause cause = merge.cause();
					if (cause == null) {
						out.writeByte((byte) 0);
					}
					else {
						out.writeByte((byte) 1);
						out.writeText(cause.messageId());
						instant(out, cause.occurredAt());
						out.writeNullableText(cause.aliasPreviousId());
						resolved(out, cause.resolved());
					}
					Integer retries = merge.retries();
					if (retries != null && retries < 0) {
						throw new Unwritable();
					}
					out.writeVarInt((retries != null) ? retries + 1 : 0);
				}
				case Lookup lookup -> {
					out.writeByte(LOOKUP);
					out.writeText(lookup.messageId());
					identifier(out, lookup.identifier());
					ref(out, lookup.proposed());
					out.writeByte((byte) (lookup.createIfAbsent() ? 1 : 0));
				}
				case Repoint repoint -> {
					out.writeByte(REPOINT);
					identifier(out, repoint.identifier());
					ref(out, repoint.target());
				}
				case LookupReply reply -> {
					out.writeByte(LOOKUP_REPLY);
					reply(out, reply);
				}
				case PendingReplies replies -> {
					out.writeByte(PENDING_REPLIES);
					out.writeVarInt(replies.expected());
					replies(out, replies.replies());
				}
				default -> {
					return null;
				}
			}
			return out.bytes();
		}
		catch (Unwritable ex) {
			return null;
		}
	}

	/**
	 * Reads a record written by {@link #write}.
	 * @param payload the bytes, {@link #isBinary}
	 * @param type what the caller expects
	 * @param <T> its type
	 * @return the record
	 * @throws JacksonException when the bytes cannot be read as a record of that type
	 */
	static <T> T read(byte[] payload, Class<T> type) {
		try {
			In in = new In(payload);
			in.readByte();
			byte version = in.readByte();
			if (version != VERSION) {
				throw new Unreadable("binary record version " + version + " is not supported (" + VERSION + " is)");
			}
			byte kind = in.readByte();
			Object record = switch (kind) {
				case APPLY -> {
					ProfileRef target = ref(in);
					CustomerEvent event = event(in);
					yield new Apply(target, event, resolved(in));
				}
				case PENDING_EVENT -> {
					CustomerEvent event = event(in);
					int expected = in.readVarInt();
					yield new PendingEvent(event, expected, replies(in));
				}
				case MERGE -> {
					ProfileRef target = ref(in);
					ProfileRef winner = ref(in);
					String causeMessageId = in.readText();
					Cause cause = switch (in.readByte()) {
						case 0 -> null;
						case 1 -> {
							String messageId = in.readText();
							Instant occurredAt = instant(in);
							String aliasPreviousId = in.readNullableText();
							yield new Cause(messageId, occurredAt, aliasPreviousId, resolved(in));
						}
						default -> throw new Unreadable("binary record has an unknown cause marker");
					};
					int retries = in.readVarInt();
					yield new Merge(target, winner, causeMessageId, cause, (retries == 0) ? null : retries - 1);
				}
				case LOOKUP -> {
					String messageId = in.readText();
					Identifier identifier = identifier(in);
					ProfileRef proposed = ref(in);
					yield new Lookup(messageId, identifier, proposed, in.readByte() != 0);
				}
				case REPOINT -> {
					Identifier identifier = identifier(in);
					yield new Repoint(identifier, ref(in));
				}
				case LOOKUP_REPLY -> reply(in);
				case PENDING_REPLIES -> {
					int expected = in.readVarInt();
					yield new PendingReplies(expected, replies(in));
				}
				default -> throw new Unreadable("binary record kind " + kind + " is unknown");
			};
			if (!in.atEnd()) {
				throw new Unreadable("binary record has " + in.remaining() + " bytes after its end");
			}
			if (!type.isInstance(record)) {
				throw new Unreadable(
						"binary record is a " + record.getClass().getSimpleName() + ", not a " + type.getSimpleName());
			}
			return type.cast(record);
		}
		catch (Unreadable ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// Truncated bytes, a negative length, a component its record refuses.
			throw new Unreadable("binary record cannot be read: " + ex, ex);
		}
	}

	private static void event(Out out, CustomerEvent event) {
		out.writeText(event.messageId());
		out.writeText(event.type().wireName());
		out.writeNullableText(event.name());
		out.writeText(event.channel().wireName());
		out.writeText(event.sourceId());
		out.writeVarInt(event.identifiers().size());
		for (Identifier identifier : event.identifiers()) {
			identifier(out, identifier);
		}
		out.writeNullableText(event.previousId());
		out.writeNullableText(event.groupId());
		map(out, event.traits(), 0);
		map(out, event.properties(), 0);
		map(out, event.context(), 0);
		instant(out, event.occurredAt());
		instant(out, event.receivedAt());
	}

	private static CustomerEvent event(In in) {
		String messageId = in.readText();
		EventType type = EventType.fromWireName(in.readText());
		String name = in.readNullableText();
		Channel channel = Channel.fromWireName(in.readText());
		String sourceId = in.readText();
		int count = in.readCount();
		List<Identifier> identifiers = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			identifiers.add(identifier(in));
		}
		String previousId = in.readNullableText();
		String groupId = in.readNullableText();
		Map<String, @Nullable Object> traits = map(in, 0);
		Map<String, @Nullable Object> properties = map(in, 0);
		Map<String, @Nullable Object> context = map(in, 0);
		Instant occurredAt = instant(in);
		Instant receivedAt = instant(in);
		return new CustomerEvent(messageId, type, name, channel, sourceId, identifiers, previousId, groupId, traits,
				properties, context, occurredAt, receivedAt);
	}

	private static void resolved(Out out, List<Resolved> resolved) {
		out.writeVarInt(resolved.size());
		for (Resolved each : resolved) {
			identifier(out, each.identifier());
			nullableRef(out, each.profile());
		}
	}

	private static List<Resolved> resolved(In in) {
		int count = in.readCount();
		List<Resolved> resolved = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			resolved.add(new Resolved(identifier(in), nullableRef(in)));
		}
		return resolved;
	}

	private static void reply(Out out, LookupReply reply) {
		out.writeText(reply.messageId());
		identifier(out, reply.identifier());
		nullableRef(out, reply.profile());
	}

	private static LookupReply reply(In in) {
		String messageId = in.readText();
		Identifier identifier = identifier(in);
		return new LookupReply(messageId, identifier, nullableRef(in));
	}

	private static void replies(Out out, List<LookupReply> replies) {
		out.writeVarInt(replies.size());
		for (LookupReply reply : replies) {
			reply(out, reply);
		}
	}

	private static List<LookupReply> replies(In in) {
		int count = in.readCount();
		List<LookupReply> replies = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			replies.add(reply(in));
		}
		return replies;
	}

	private static void identifier(Out out, Identifier identifier) {
		out.writeText(identifier.type().name());
		out.writeText(identifier.value());
	}

	private static Identifier identifier(In in) {
		String name = in.readText();
		IdentifierType type = TYPES.get(name);
		if (type == null) {
			type = IdentifierType.of(name);
			if (TYPES.size() < MAX_TYPES_KEPT) {
				TYPES.put(name, type);
			}
		}
		return new Identifier(type, in.readText());
	}

	private static void ref(Out out, ProfileRef ref) {
		out.writeText(ref.profileId());
		instant(out, ref.createdAt());
	}

	private static ProfileRef ref(In in) {
		return new ProfileRef(in.readText(), instant(in));
	}

	private static void nullableRef(Out out, @Nullable ProfileRef ref) {
		if (ref == null) {
			out.writeByte((byte) 0);
		}
		else {
			out.writeByte((byte) 1);
			ref(out, ref);
		}
	}

	private static @Nullable ProfileRef nullableRef(In in) {
		return switch (in.readByte()) {
			case 0 -> null;
			case 1 -> ref(in);
			default -> throw new Unreadable("binary record has an unknown reference marker");
		};
	}

	private static void instant(Out out, Instant instant) {
		out.writeVarLong(instant.getEpochSecond());
		out.writeVarInt(instant.getNano());
	}

	private static Instant instant(In in) {
		long seconds = in.readVarLong();
		return Instant.ofEpochSecond(seconds, in.readVarInt());
	}

	private static void map(Out out, Map<?, ?> map, int depth) {
		if (depth > MAX_DEPTH) {
			throw new Unwritable();
		}
		out.writeVarInt(map.size());
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				throw new Unwritable();
			}
			out.writeText(key);
			value(out, entry.getValue(), depth);
		}
	}

	private static Map<String, @Nullable Object> map(In in, int depth) {
		if (depth > MAX_DEPTH) {
			throw new Unreadable("binary record nests deeper than " + MAX_DEPTH);
		}
		int size = in.readCount();
		Map<String, @Nullable Object> map = new LinkedHashMap<>(size * 4 / 3 + 1);
		for (int index = 0; index < size; index++) {
			String key = in.readText();
			map.put(key, value(in, depth));
		}
		return map;
	}

	private static void value(Out out, @Nullable Object value, int depth) {
		switch (value) {
			case null -> out.writeByte((byte) NULL);
			case String text -> {
				out.writeByte((byte) TEXT);
				out.writeText(text);
			}
			case Boolean bool -> out.writeByte((byte) (bool ? TRUE : FALSE));
			case Integer number -> {
				out.writeByte((byte) INT);
				out.writeVarLong(number);
			}
			case Long number -> {
				out.writeByte((byte) LONG);
				out.writeVarLong(number);
			}
			case Double number -> {
				out.writeByte((byte) DOUBLE);
				out.writeFixedLong(Double.doubleToRawLongBits(number));
			}
			case Map<?, ?> map -> {
				out.writeByte((byte) MAP);
				map(out, map, depth + 1);
			}
			case List<?> list -> {
				if (depth + 1 > MAX_DEPTH) {
					throw new Unwritable();
				}
				out.writeByte((byte) LIST);
				out.writeVarInt(list.size());
				for (Object element : list) {
					value(out, element, depth + 1);
				}
			}
			case BigInteger number -> {
				out.writeByte((byte) BIG_INTEGER);
				out.writeText(number.toString());
			}
			case BigDecimal number -> {
				out.writeByte((byte) BIG_DECIMAL);
				out.writeText(number.toString());
			}
			case Float number -> {
				out.writeByte((byte) FLOAT);
				out.writeFixedLong(Float.floatToRawIntBits(number));
			}
			default -> throw new Unwritable();
		}
	}

	private static @Nullable Object value(In in, int depth) {
		int tag = in.readByte();
		return switch (tag) {
			case NULL -> null;
			case TEXT -> in.readText();
			case TRUE -> Boolean.TRUE;
			case FALSE -> Boolean.FALSE;
			case INT -> Math.toIntExact(in.readVarLong());
			case LONG -> in.readVarLong();
			case DOUBLE -> Double.longBitsToDouble(in.readFixedLong());
			case MAP -> map(in, depth + 1);
			case LIST -> {
				if (depth + 1 > MAX_DEPTH) {
					throw new Unreadable("binary record nests deeper than " + MAX_DEPTH);
				}
				int size = in.readCount();
				List<@Nullable Object> list = new ArrayList<>(size);
				for (int index = 0; index < size; index++) {
					list.add(value(in, depth + 1));
				}
				yield list;
			}
			case BIG_INTEGER -> new BigInteger(in.readText());
			case BIG_DECIMAL -> new BigDecimal(in.readText());
			case FLOAT -> Float.intBitsToFloat((int) in.readFixedLong());
			default -> throw new Unreadable("binary record has an unknown value tag " + tag);
		};
	}

	/** What this form has no place for: the record is written as before. */
	private static final class Unwritable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Unwritable() {
			super(null, null, false, false);
		}

	}

	/** Bytes that cannot be read as a record: a Jackson failure, as for Smile. */
	static final class Unreadable extends JacksonException {

		private static final long serialVersionUID = 1L;

		Unreadable(String message) {
			super(message);
		}

		Unreadable(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** A growing byte buffer. */
	private static final class Out {

		private byte[] buffer;

		private int size;

		Out(int capacity) {
			this.buffer = new byte[capacity];
		}

		void writeByte(byte value) {
			ensure(1);
			this.buffer[this.size++] = value;
		}

		void writeVarInt(int value) {
			ensure(5);
			int rest = value;
			while ((rest & ~0x7F) != 0) {
				this.buffer[this.size++] = (byte) ((rest & 0x7F) | 0x80);
				rest >>>= 7;
			}
			this.buffer[this.size++] = (byte) rest;
		}

		/** Zig-zag, so that small negative numbers stay short. */
		void writeVarLong(long value) {
			ensure(10);
			long rest = (value << 1) ^ (value >> 63);
			while ((rest & ~0x7FL) != 0) {
				this.buffer[this.size++] = (byte) ((rest & 0x7F) | 0x80);
				rest >>>= 7;
			}
			this.buffer[this.size++] = (byte) rest;
		}

		void writeFixedLong(long value) {
			ensure(8);
			for (int shift = 56; shift >= 0; shift -= 8) {
				this.buffer[this.size++] = (byte) (value >>> shift);
			}
		}

		void writeNullableText(@Nullable String text) {
			if (text == null) {
				writeVarInt(0);
			}
			else {
				writeText(text, 1);
			}
		}

		void writeText(String text) {
			writeText(text, 0);
		}

		/**
		 * The UTF-8 length (plus {@code bias}) and bytes; text with an unpaired surrogate
		 * (which UTF-8 has no form for) is refused.
		 */
		private void writeText(String text, int bias) {
			int length = text.length();
			ensure(5 + length * 3);
			int lengthAt = this.size;
			// The byte count is not known before encoding: room for the longest varint,
			// moved back once known.
			this.size += 5;
			int start = this.size;
			byte[] bytes = this.buffer;
			int at = start;
			for (int index = 0; index < length; index++) {
				char c = text.charAt(index);
				if (c < 0x80) {
					bytes[at++] = (byte) c;
				}
				else if (c < 0x800) {
					bytes[at++] = (byte) (0xC0 | (c >> 6));
					bytes[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isSurrogate(c)) {
					if (!Character.isHighSurrogate(c) || index + 1 >= length
							|| !Character.isLowSurrogate(text.charAt(index + 1))) {
						throw new Unwritable();
					}
					int point = Character.toCodePoint(c, text.charAt(++index));
					bytes[at++] = (byte) (0xF0 | (point >> 18));
					bytes[at++] = (byte) (0x80 | ((point >> 12) & 0x3F));
					bytes[at++] = (byte) (0x80 | ((point >> 6) & 0x3F));
					bytes[at++] = (byte) (0x80 | (point & 0x3F));
				}
				else {
					bytes[at++] = (byte) (0xE0 | (c >> 12));
					bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
					bytes[at++] = (byte) (0x80 | (c & 0x3F));
				}
			}
			int encoded = at - start;
			this.size = lengthAt;
			writeVarInt(encoded + bias);
			System.arraycopy(bytes, start, bytes, this.size, encoded);
			this.size += encoded;
		}

		private void ensure(int more) {
			if (this.size + more > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + more));
			}
		}

		byte[] bytes() {
			return Arrays.copyOf(this.buffer, this.size);
		}

	}

	/** Reads what {@link Out} wrote; running past the end throws. */
	private static final class In {

		private final byte[] bytes;

		private int position;

		In(byte[] bytes) {
			this.bytes = bytes;
		}

		byte readByte() {
			if (this.position >= this.bytes.length) {
				throw new Unreadable("binary record ends early");
			}
			return this.bytes[this.position++];
		}

		int readVarInt() {
			int value = 0;
			for (int shift = 0; shift < 35; shift += 7) {
				byte next = readByte();
				value |= (next & 0x7F) << shift;
				if (next >= 0) {
					return value;
				}
			}
			throw new Unreadable("binary record has a malformed number");
		}

		/** A count of elements, each at least a byte: never more than the bytes left. */
		int readCount() {
			int count = readVarInt();
			if (count < 0 || count > remaining()) {
				throw new Unreadable("binary record has a count of " + count + " with " + remaining() + " bytes left");
			}
			return count;
		}

		long readVarLong() {
			long value = 0;
			for (int shift = 0; shift < 70; shift += 7) {
				byte next = readByte();
				value |= (long) (next & 0x7F) << shift;
				if (next >= 0) {
					return (value >>> 1) ^ -(value & 1);
				}
			}
			throw new Unreadable("binary record has a malformed number");
		}

		long readFixedLong() {
			long value = 0;
			for (int index = 0; index < 8; index++) {
				value = (value << 8) | (readByte() & 0xFF);
			}
			return value;
		}

		String readText() {
			return text(readVarInt());
		}

		@Nullable String readNullableText() {
			int length = readVarInt();
			return (length == 0) ? null : text(length - 1);
		}

		private String text(int length) {
			if (length < 0 || length > remaining()) {
				throw new Unreadable("binary record has text of " + length + " bytes with " + remaining() + " left");
			}
			String text = new String(this.bytes, this.position, length, StandardCharsets.UTF_8);
			this.position += length;
			return text;
		}

		int remaining() {
			return this.bytes.length - this.position;
		}

		boolean atEnd() {
			return this.position == this.bytes.length;
		}

	}

}
