package io.cdp.profile.identity;

import io.cdp.contract.json.CompactRecordSerde;
import io.cdp.contract.json.RoundTripJsonSerde;
import org.apache.kafka.common.serialization.Serde;
import tools.jackson.core.JacksonException;

/**
 * The serdes of the topology's internal records, topics and stores alike: Smile, JSON's
 * binary form, with JSON still read ({@link CompactRecordSerde}), and a binary form of
 * its own for the records that carry a whole event ({@link BinaryRecords}), never larger
 * than {@link RoundTripJsonSerde#MAX_RECORD_BYTES}, so that an oversized record fails to
 * serialize (and is quarantined) instead of failing the transaction at the broker. A
 * value read from a store that cannot be read even leniently fails with
 * {@link UnreadableStateException}, carrying its bytes, so the processor can quarantine
 * the state and carry on without it.
 */
final class InternalSerde {

	private InternalSerde() {
	}

	/** A serde for a topic: an unreadable record fails as a serialization error. */
	static <T> Serde<T> forTopic(Class<T> type) {
		return new InternalRecordSerde<>(type, false);
	}

	/** A serde for a store: an unreadable value fails as unreadable state. */
	static <T> Serde<T> forStore(Class<T> type) {
		return new InternalRecordSerde<>(type, true);
	}

	/**
	 * A serde for a store whose bytes are also published on a platform topic as they are
	 * ({@link SerializedOnce}): JSON, the platform topics' format.
	 */
	static <T> Serde<T> forPublishedStore(Class<T> type) {
		return new RoundTripJsonSerde<>(type) {

			@Override
			protected RuntimeException unreadable(String message, byte[] payload, JacksonException cause) {
				return new UnreadableStateException(message, payload, cause);
			}

		};
	}

	/**
	 * Smile, or for the records written for every event (an apply or merge command, an
	 * event waiting for its lookups, lookups, re-points and answers) the binary form of
	 * {@link BinaryRecords}; all three forms are read, told apart by their first bytes.
	 */
	private static final class InternalRecordSerde<T> extends CompactRecordSerde<T> {

		private final boolean store;

		private final boolean binary;

		InternalRecordSerde(Class<T> type, boolean store) {
			super(type);
			this.store = store;
			this.binary = type == ProfileCommand.class || type == PendingEvent.class || type == IdentifierCommand.class
					|| type == LookupReply.class || type == PendingReplies.class;
		}

		@Override
		protected byte[] write(T value) {
			if (this.binary) {
				byte[] bytes = BinaryRecords.write(value);
				if (bytes != null) {
					return bytes;
				}
			}
			return super.write(value);
		}

		@Override
		protected T read(byte[] payload) {
			if (BinaryRecords.isBinary(payload)) {
				return BinaryRecords.read(payload, type());
			}
			return super.read(payload);
		}

		@Override
		protected RuntimeException unreadable(String message, byte[] payload, JacksonException cause) {
			return this.store ? new UnreadableStateException(message, payload, cause)
					: super.unreadable(message, payload, cause);
		}

	}

}
