package io.cdp.profile.identity;

import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serializers that share the bytes of the value last serialized on the same thread: the
 * profile step writes each new profile state to its store and then publishes the very
 * same instance on {@code cdp.profiles.v1}, and with these it is serialized once. Values
 * are immutable records, compared by identity; the serializers wrapped must write the
 * same bytes for the same value (both are the profile topics' JSON).
 */
final class SerializedOnce {

	private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

	private SerializedOnce() {
	}

	/**
	 * A serializer answering with the bytes of the last value any serializer of this
	 * class wrote on this thread, when asked for that same instance again.
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
			return bytes;
		};
	}

	private static final class Last {

		private @Nullable Object value;

		private byte @Nullable [] bytes;

	}

}
