package io.cdp.contract.json;

import java.util.Objects;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A Kafka serde writing a type as JSON with {@link ContractJson#mapper()}, for the
 * records the services exchange on internal topics. Null is written as a null payload (a
 * tombstone) and read back as null. Failures become Kafka {@link SerializationException}s
 * naming the topic and type; the payload, which may hold personal data, is not included
 * (Jackson redacts the source), though Jackson's message may quote the single value that
 * failed.
 *
 * @param <T> the type of the records
 */
public class JsonSerde<T> implements Serde<T> {

	private final Class<T> type;

	/**
	 * Creates a serde for the given type.
	 * @param type the class of the records
	 */
	public JsonSerde(Class<T> type) {
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

	private byte @Nullable [] serialize(String topic, @Nullable T value) {
		if (value == null) {
			return null;
		}
		try {
			return ContractJson.mapper().writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new SerializationException(
					"cannot write " + this.type.getSimpleName() + " to topic " + topic + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	private @Nullable T deserialize(String topic, byte @Nullable [] payload) {
		if (payload == null) {
			return null;
		}
		try {
			return ContractJson.mapper().readValue(payload, this.type);
		}
		catch (JacksonException ex) {
			throw new SerializationException("cannot read " + this.type.getSimpleName() + " from topic " + topic + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
