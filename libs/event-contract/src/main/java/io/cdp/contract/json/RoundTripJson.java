package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the records the profile service writes (its published topics, its internal
 * topics and its state stores): the format of {@link ContractJson}, with three defences
 * so that whatever is written can always be read back.
 *
 * <ul>
 * <li>Text is written safe: an unpaired UTF-16 surrogate (a browser cutting an emoji in
 * half) becomes U+FFFD, since Jackson writes one in a property name in a form it then
 * refuses to read back ({@link JsonText}).</li>
 * <li>Nesting may go {@value #EXTRA_DEPTH} levels deeper than the contract's reader
 * allows, because the profile service wraps an event in its own records (a command
 * holding an event, a profile holding a trait holding a value): an event readable at the
 * door stays readable inside.</li>
 * <li>A reader that fails on malformed text gets a second, lenient try: the bytes decoded
 * with U+FFFD for what is not UTF-8 and for unpaired surrogates. State written by an
 * older version, or a record someone wrote by hand, is repaired rather than lost.</li>
 * </ul>
 * The features match {@link ContractJson}'s, so the wire format is the same.
 */
public final class RoundTripJson {

	/** How much deeper than the contract's reader these records may nest. */
	public static final int EXTRA_DEPTH = 64;

	private static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH + EXTRA_DEPTH;

	/** How deep these records may nest, reading and writing. */
	static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
		.maxNestingDepth(MAX_DEPTH)
		.build();

	static final StreamWriteConstraints WRITE_CONSTRAINTS = StreamWriteConstraints.builder()
		.maxNestingDepth(MAX_DEPTH)
		.build();

	private static final JsonMapper MAPPER = configured(JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(READ_CONSTRAINTS)
		.streamWriteConstraints(WRITE_CONSTRAINTS)
		.build())).build();

	/**
	 * A reader that does not canonicalize property names, for records whose maps are
	 * keyed by data ({@link #readKeyedByData}): adding each new key to the shared symbol
	 * table, which a parser copies before it adds to it, made reading a profile state
	 * twice as slow as decoding the names (measured: 58 against 27 µs for a state with
	 * six identifiers). Jackson reads such bytes through a character reader, which knows
	 * no byte offsets, so {@link #stream} keeps the canonicalizing parser.
	 */
	private static final JsonMapper KEYED_BY_DATA = configured(JsonMapper.builder(JsonFactory.builder()
		.disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
		.streamReadConstraints(READ_CONSTRAINTS)
		.streamWriteConstraints(WRITE_CONSTRAINTS)
		.build())).build();

	/**
	 * The features of this format on a mapper builder of any data format, so that the
	 * binary form of these records ({@link CompactRecordSerde}) reads and writes the same
	 * data model.
	 * @param builder the builder
	 * @param <B> its type
	 * @return the builder
	 */
	static <B extends MapperBuilder<?, B>> B configured(B builder) {
		return builder.addModule(new IsoInstantModule())
			.addModule(new ConstructorCallModule())
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	private RoundTripJson() {
	}

	/**
	 * Writes a value as UTF-8 JSON that {@link #read} accepts whatever its strings hold.
	 * @param value the value
	 * @return the bytes
	 * @throws JacksonException if it cannot be written at all
	 */
	public static byte[] write(Object value) {
		// Straight to UTF-8 bytes, the common case: no text to build, scan and encode
		// again. Jackson's byte writer puts a paired surrogate (an emoji) out as its four
		// UTF-8 bytes and an unpaired one as an escape (\\uD800 and the like), so output
		// without such an escape (or an encoded surrogate) needs no repair and is byte
		// for
		// byte what the text path writes; anything else, and any failure, takes the text
		// path with its repair.
		byte[] bytes;
		try {
			bytes = MAPPER.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			bytes = null;
		}
		if (bytes != null && !mayHoldSurrogate(bytes)) {
			return bytes;
		}
		return JsonText.repair(MAPPER.writeValueAsString(value)).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Whether UTF-8 JSON may hold a UTF-16 surrogate: a {@code \\uD800} to
	 * {@code \\uDFFF} escape, or the three bytes of one encoded as if it were a character
	 * (ED A0-BF). Text that merely looks like such an escape (an escaped backslash before
	 * {@code uD800}) counts too, which only costs the slower path.
	 */
	static boolean mayHoldSurrogate(byte[] json) {
		int last = json.length - 1;
		for (int i = 0; i < last; i++) {
			byte b = json[i];
			if (b == '\\') {
				if (json[i + 1] == 'u' && i + 3 <= last && (json[i + 2] == 'd' || json[i + 2] == 'D')
						&& isSurrogateNibble(json[i + 3])) {
					return true;
				}
			}
			else if (b == (byte) 0xED && (json[i + 1] & 0xFF) >= 0xA0) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSurrogateNibble(byte digit) {
		return (digit >= '8' && digit <= '9') || (digit >= 'a' && digit <= 'f') || (digit >= 'A' && digit <= 'F');
	}

	/**
	 * Reads a value, repairing malformed UTF-8 when the strict read fails.
	 * @param payload the bytes
	 * @param type what to read
	 * @param <T> its type
	 * @return the value
	 * @throws JacksonException from the lenient read when neither read succeeds
	 */
	public static <T> T read(byte[] payload, Class<T> type) {
		return read(MAPPER, payload, type);
	}

	/**
	 * Reads a value as {@link #read} does, for a type whose maps are keyed by data
	 * (identifiers, profile ids) rather than by a fixed set of names: such keys are not
	 * added to Jackson's table of property names.
	 * @param payload the bytes
	 * @param type what to read
	 * @param <T> its type
	 * @return the value
	 * @throws JacksonException from the lenient read when neither read succeeds
	 */
	public static <T> T readKeyedByData(byte[] payload, Class<T> type) {
		return read(KEYED_BY_DATA, payload, type);
	}

	private static <T> T read(JsonMapper mapper, byte[] payload, Class<T> type) {
		try {
			return mapper.readValue(payload, type);
		}
		catch (JacksonException strict) {
			byte[] lenient = repairUtf8(payload);
			if (lenient == null) {
				throw strict;
			}
			T repaired;
			try {
				repaired = mapper.readValue(lenient, type);
			}
			catch (JacksonException ex) {
				ex.addSuppressed(strict);
				throw ex;
			}
			return repaired;
		}
	}

	/**
	 * Reads bytes with a streaming parser of this format, for a reader that needs only
	 * some fields, or slices of the bytes themselves: repaired and tried again as
	 * {@link #read} does when the strict read fails.
	 * @param payload the bytes
	 * @param reader reads the value from a parser over the bytes it is given
	 * @param <T> its type
	 * @return the value
	 * @throws JacksonException from the lenient read when neither read succeeds
	 */
	public static <T> T stream(byte[] payload, StreamReader<T> reader) {
		try {
			return readStream(payload, reader);
		}
		catch (JacksonException strict) {
			byte[] lenient = repairUtf8(payload);
			if (lenient == null) {
				throw strict;
			}
			try {
				return readStream(lenient, reader);
			}
			catch (JacksonException ex) {
				ex.addSuppressed(strict);
				throw ex;
			}
		}
	}

	private static <T> T readStream(byte[] payload, StreamReader<T> reader) {
		try (JsonParser parser = MAPPER.createParser(payload)) {
			T value = reader.read(parser, payload);
			if (parser.nextToken() != null) {
				throw new StreamReadException(parser, "Trailing content after the value");
			}
			return value;
		}
	}

	/**
	 * Reads one value from a streaming parser.
	 *
	 * @param <T> the value's type
	 */
	@FunctionalInterface
	public interface StreamReader<T> {

		/**
		 * Reads the value.
		 * @param parser positioned before the value's first token
		 * @param payload the bytes the parser reads, for slices by byte offset
		 * @return the value
		 * @throws JacksonException when the bytes are not the value expected
		 */
		T read(JsonParser parser, byte[] payload);

	}

	/**
	 * The JSON bytes with every sequence that is not UTF-8, and every unpaired surrogate
	 * (raw or escaped), replaced by U+FFFD.
	 * @param payload the bytes
	 * @return the repaired bytes, or null when there was nothing to repair (and repairing
	 * cannot help)
	 */
	public static byte @Nullable [] repairUtf8(byte[] payload) {
		byte[] repaired = JsonText.repair(new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
		return Arrays.equals(repaired, payload) ? null : repaired;
	}

}
