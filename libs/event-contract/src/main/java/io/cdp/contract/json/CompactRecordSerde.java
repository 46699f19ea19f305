package io.cdp.contract.json;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * A serde for records only the profile service itself reads (its internal topics and
 * state stores): the same data model as {@link RoundTripJsonSerde}, written as Smile,
 * JSON's binary form, which Jackson writes and reads for a fraction of the work of text,
 * and reads back as compactly (property names and short strings are written once per
 * record and referred to after). Any Jackson-based tool reads it with a
 * {@code SmileMapper}.
 *
 * <p>
 * It reads both formats, told apart by Smile's header ({@code :)\n}, which no JSON
 * document starts with): state and records written as JSON by an earlier version are read
 * as before, so an upgrade needs no migration. A value Smile refuses to write (text
 * holding an unpaired UTF-16 surrogate, which it has no encoding for) is written as the
 * repaired JSON of {@link RoundTripJson} instead. The size limit and the failures are
 * {@link RoundTripJsonSerde}'s.
 *
 * @param <T> the type of the records
 */
public class CompactRecordSerde<T> extends RoundTripJsonSerde<T> {

	private static final SmileMapper MAPPER = RoundTripJson.configured(SmileMapper.builder(SmileFactory.builder()
		.streamReadConstraints(RoundTripJson.READ_CONSTRAINTS)
		.streamWriteConstraints(RoundTripJson.WRITE_CONSTRAINTS)
		.build())).build();

	/**
	 * Creates a serde for the given type.
	 * @param type the class of the records
	 */
	public CompactRecordSerde(Class<T> type) {
		super(type);
	}

	@Override
	protected byte[] write(T value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (JacksonException unencodable) {
			return RoundTripJson.write(value);
		}
	}

	@Override
	protected T read(byte[] payload) {
		if (isSmile(payload)) {
			return MAPPER.readValue(payload, type());
		}
		return RoundTripJson.read(payload, type());
	}

	/**
	 * Whether the bytes begin with Smile's header.
	 * @param payload the bytes
	 * @return true for Smile, false for anything else (JSON)
	 */
	public static boolean isSmile(byte[] payload) {
		return payload.length >= 3 && payload[0] == ':' && payload[1] == ')' && payload[2] == '\n';
	}

}
