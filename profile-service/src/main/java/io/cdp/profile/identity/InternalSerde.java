package io.cdp.profile.identity;

import java.util.Objects;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The serde of the topology's internal records, topics and stores alike: JSON as
 * {@link InternalJson} writes and reads it, never larger than {@link #MAX_RECORD_BYTES}.
 *
 * <p>
 * The size is checked here, before a record reaches the producer, because a record the
 * broker refuses as too large fails the whole exactly-once transaction, while a failure
 * to serialize only drops the one record (the production exception handler quarantines
 * it). A value read from a store that cannot be read even leniently fails with
 * {@link UnreadableStateException}, carrying its bytes, so the processor can quarantine
 * the state and carry on without it.
 *
 * @param <T> the type of the records
 */
final class InternalSerde<T> implements Serde<T> {

	/**
	 * The largest record written: under the default {@code max.message.bytes} (1 MiB)
	 * with room for the key, headers and batch overhead.
	 */
	static final int MAX_RECORD_BYTES = 1_000_000;

	private final Class<T> type;

	private final boolean store;

	private InternalSerde(Class<T> type, boolean store) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.store = store;
	}

	/** A serde for a topic: an unreadable record fails as a serialization error. */
	static <T> InternalSerde<T> forTopic(Class<T> type) {
		return new InternalSerde<>(type, false);
	}

	/** A serde for a store: an unreadable value fails as unreadable state. */
	static <T> InternalSerde<T> forStore(Class<T> type) {
		return new InternalSerde<>(type, true);
	}

	@Override
	public Serializer<T> serializer() {
		return this::serialize;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this::deserialize;
	}

	private byte @Nullable [] serialize(String topic, @Nullable T value) {
		if (value == null) {
			return null;
		}
		byte[] bytes;
		try {
			bytes = InternalJson.write(value);
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
			return InternalJson.read(payload, this.type);
		}
		catch (JacksonException ex) {
			String message = "cannot read " + this.type.getSimpleName() + " from " + topic + ": "
					+ ex.getOriginalMessage();
			throw this.store ? new UnreadableStateException(message, payload, ex)
					: new SerializationException(message, ex);
		}
	}

}
