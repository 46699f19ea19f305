package io.cdp.profile.identity;

import java.util.Map;
import java.util.WeakHashMap;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serializers that share the bytes of the value last serialized on the same thread, and a
 * deserializer that knows the bytes it was given back; and a serializer that writes a
 * command as the bytes it was read from.
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

	private static final ThreadLocal<Read> READ = ThreadLocal.withInitial(Read::new);

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

	/**
	 * A deserializer that keeps, for the values it read last on this thread, the bytes
	 * each was read from, for {@link #asRead}.
	 * @param deserializer the deserializer that reads the bytes
	 * @param <T> the type of the values
	 * @return the deserializer keeping the bytes
	 */
	static <T> Deserializer<T> keepingBytes(Deserializer<T> deserializer) {
		return (topic, bytes) -> {
			T value = deserializer.deserialize(topic, bytes);
			if (value != null) {
				READ.get().keep(value, bytes);
			}
			return value;
		};
	}

	/**
	 * A serializer that writes a value that a {@link #keepingBytes} deserializer read on
	 * this thread lately as the very bytes it was read from, and serializes any other.
	 * Only for values whose readers read both: the two serdes must be of one format. The
	 * profile step's waiting store writes a command that has to wait this way, as it came
	 * in on the profile-commands topic, instead of serializing what was just parsed.
	 * @param serializer the serializer that writes other values
	 * @param maxBytes the most bytes taken as they were read (larger ones are serialized,
	 * and fail as the serializer fails them)
	 * @param <T> the type of the values
	 * @return the serializer
	 */
	static <T> Serializer<T> asRead(Serializer<T> serializer, int maxBytes) {
		return (topic, value) -> {
			if (value == null) {
				return null;
			}
			byte[] read = READ.get().bytesOf(value);
			return (read != null && read.length <= maxBytes) ? read : serializer.serialize(topic, value);
		};
	}

	/**
	 * The values read last on a thread with their bytes, by identity. Kafka Streams reads
	 * a record when it becomes the head of its partition's queue, so the one being
	 * processed is among the last read by as many records as the thread has queues (a
	 * thread with more partitions of the topic than this keeps serializes more). Values
	 * of more than {@link #LARGEST} bytes are not kept, so this holds a few megabytes at
	 * most.
	 */
	private static final class Read {

		static final int KEPT = 64;

		static final int LARGEST = 64 * 1024;

		private final Object[] values = new Object[KEPT];

		private final byte[][] bytes = new byte[KEPT][];

		private int next;

		void keep(Object value, byte[] read) {
			if (read.length > LARGEST) {
				return;
			}
			this.values[this.next] = value;
			this.bytes[this.next] = read;
			this.next = (this.next + 1) % KEPT;
		}

		byte @Nullable [] bytesOf(Object value) {
			for (int index = 0; index < KEPT; index++) {
				if (this.values[index] == value) {
					return this.bytes[index];
				}
			}
			return null;
		}

	}

	private static final class Last {

		private @Nullable Object value;

		private byte @Nullable [] bytes;

		/** By identity: arrays inherit Object's equals and hashCode. */
		private final Map<byte[], Object> written = new WeakHashMap<>();

	}

}
