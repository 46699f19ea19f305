package io.cdp.profile.identity;

import io.cdp.contract.json.CompactRecordSerde;
import io.cdp.contract.json.RoundTripJsonSerde;
import org.apache.kafka.common.serialization.Serde;
import tools.jackson.core.JacksonException;

/**
 * The serdes of the topology's internal records, topics and stores alike: Smile, JSON's
 * binary form, with JSON still read ({@link CompactRecordSerde}), never larger than
 * {@link RoundTripJsonSerde#MAX_RECORD_BYTES}, so that an oversized record fails to
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
		return new CompactRecordSerde<>(type);
	}

	/** A serde for a store: an unreadable value fails as unreadable state. */
	static <T> Serde<T> forStore(Class<T> type) {
		return new CompactRecordSerde<>(type) {

			@Override
			protected RuntimeException unreadable(String message, byte[] payload, JacksonException cause) {
				return new UnreadableStateException(message, payload, cause);
			}

		};
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

}
