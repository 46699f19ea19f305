package io.cdp.contract.json;

import java.util.Objects;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A Kafka serde writing a type as JSON the way {@link RoundTripJson} writes and reads it,
 * never larger than {@link #MAX_RECORD_BYTES}: the serde of the profile topics and of the
 * profile service's internal records.
 *
 * <p>
 * The size is checked here, before a record reaches the producer, because a record the
 * broker refuses as too large fails a whole exactly-once transaction, while a failure to
 * serialize only drops the one record. Null is written as a null payload (a tombstone)
 * and read back as null. A payload that cannot be read even leniently fails with a
 * {@link SerializationException} naming the type and topic; a subclass may answer with
 * another exception ({@link #unreadable}).
 *
 * @param <T> the type of the records
 */
public class RoundTripJsonSerde<T> implements Serde<T> {

	/**
	 * The largest record written: under the default {@code max.message.bytes} (1 MiB)
	 * with room for the key, headers and batch overhead.
	 */
	public static final int MAX_RECORD_BYTES = 1_000_000;

	private final Class<T> type;

	/**
	 * Creates a serde for the given type.
	 * @param type the class of the records
	 */
	public RoundTripJsonSerde(Class<T> type) {
		this.type = Objects.requireNonNull(type, "type must not be null");
	}

	@Override
	public Serializer<T> serializer() {
		return this::serialize;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this::deserialize;
	}

	/**
	 * Returns the exception a payload that cannot be read fails with.
	 * @param message what could not be read from where, without the payload
	 * @param payload the bytes
	 * @param cause the reader's failure
	 * @return a {@link SerializationException} unless overridden
	 */
	protected RuntimeException unreadable(String message, byte[] payload, JacksonException cause) {
		return new SerializationException(message, cause);
	}

	/**
	 * Writes a value; a subclass may write another format its {@link #read} reads.
	 * @param value the value
	 * @return the bytes
	 * @throws JacksonException if it cannot be written
	 */
	protected byte[] write(T value) {
		return RoundTripJson.write(value);
	}

	/**
	 * Reads a value.
	 * @param payload the bytes
	 * @return the value
	 * @throws JacksonException if it cannot be read
	 */
	protected T read(byte[] payload) {
		return RoundTripJson.read(payload, this.type);
	}

	/** The class of the records. */
	protected final Class<T> type() {
		return this.type;
	}

	private byte @Nullable [] serialize(String topic, @Nullable T value) {
		if (value == null) {
			return null;
		}
		byte[] bytes;
		try {
			bytes = write(value);
		}
		catch (JacksonException ex) {
			throw new SerializationException(
					"cannot write " + this.type.getSimpleName() + " to " + topic + ": " + ex.getOriginalMessage(), ex);
		}
		if (bytes.length > MAX_RECORD_BYTES) {
			throw new RecordTooLargeException(this.type.getSimpleName() + " for " + topic + " is " + bytes.length
					+ " bytes, more than the " + MAX_RECORD_BYTES + " a record may have");
		}
		return bytes;
	}

	private @Nullable T deserialize(String topic, byte @Nullable [] payload) {
		if (payload == null) {
			return null;
		}
		try {
			return read(payload);
		}
		catch (JacksonException ex) {
			throw unreadable(
					"cannot read " + this.type.getSimpleName() + " from " + topic + ": " + ex.getOriginalMessage(),
					payload, ex);
		}
	}

}
