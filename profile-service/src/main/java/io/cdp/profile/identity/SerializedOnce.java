package io.cdp.profile.identity;

import java.util.Map;
import java.util.WeakHashMap;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serializers that share the bytes of the value last serialized on the same thread, and a
 * deserializer that knows the bytes it was given back.
 *
 * <p>
 * The profile step writes each new profile state to its store and then publishes the very
 * same instance on {@code cdp.profiles.v1}: with {@link #sharing} it is serialized once
 * for both. The store's record cache then hands the very array it was given back to the
 * next command for that profile: {@link #reading} answers with the value those bytes were
 * written from, instead of parsing them again. Bytes from anywhere else (RocksDB, a
 * restored changelog, a corrupt record) are other arrays and are parsed, so a value that
 * cannot be read still fails as it should. Arrays are recognised by identity, in a
 * per-thread map that forgets an array once nothing else holds it (the cache evicted it).
 *
 * <p>
 * Values are immutable records, compared by identity; the serializers wrapped must write
 * the same bytes for the same value (both are the profile topics' JSON).
 */
final class SerializedOnce {

	private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

	private SerializedOnce() {
	}

	/**
	 * A serializer answering with the bytes of the last value any serializer of this
	 * class wrote on this thread, when asked for that same instance again; what it writes
	 * is known to {@link #reading} deserializers on this thread.
	 * @param serializer the serializer that writes new values
	 * @param <T> the type of the values
	 * @return the sharing serializer
	 */
	static <T> Serializer<T> sharing(Serializer<T> serializer) {
		return (topic, value) -> {
			if (value == null) {
				return null;
			}
			Last last = LAST.get();
			if (last.value == value) {
				return last.bytes;
			}
			byte[] bytes = serializer.serialize(topic, value);
			last.value = value;
			last.bytes = bytes;
			if (bytes != null) {
				last.written.put(bytes, value);
			}
			return bytes;
		};
	}

	/**
	 * A deserializer answering with the value an array was written from by a
	 * {@link #sharing} serializer on this thread, or read from before, and parsing any
	 * other array.
	 * @param deserializer the deserializer that reads new bytes
	 * @param type the type of the values
	 * @param <T> the type of the values
	 * @return the remembering deserializer
	 */
	static <T> Deserializer<T> reading(Deserializer<T> deserializer, Class<T> type) {
		return (topic, bytes) -> {
			if (bytes == null) {
				return null;
			}
			Map<byte[], Object> written = LAST.get().written;
			Object known = written.get(bytes);
			if (type.isInstance(known)) {
				return type.cast(known);
			}
			T value = deserializer.deserialize(topic, bytes);
			if (value != null) {
				written.put(bytes, value);
			}
			return value;
		};
	}

	private static final class Last {

		private @Nullable Object value;

		private byte @Nullable [] bytes;

		/** By identity: arrays inherit Object's equals and hashCode. */
		private final Map<byte[], Object> written = new WeakHashMap<>();

	}

}
