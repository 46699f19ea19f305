package io.cdp.profile.identity;

import io.cdp.contract.privacy.Suppression;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.stereotype.Component;

/**
 * The suppressed identifiers as this instance's gather step sees them, from its copy of
 * the global store of {@code cdp.suppressions.v1}: a privacy request waits until its
 * suppressions are there before it deletes the person, so that no event of theirs in
 * flight can bring them back.
 */
@Component
public class SuppressionDirectory {

	private final IdentityStreams streams;

	SuppressionDirectory(IdentityStreams streams) {
		this.streams = streams;
	}

	/**
	 * Whether the gather step drops the events of an identifier.
	 * @param identifierHash the identifier's hash
	 * @return true once this instance's store holds it; false while it cannot be read
	 */
	public boolean isSuppressed(String identifierHash) {
		KafkaStreams running = this.streams.streams();
		if (running == null) {
			return false;
		}
		try {
			ReadOnlyKeyValueStore<String, Suppression> store = running.store(StoreQueryParameters
				.fromNameAndType(GlobalStoreUpdater.SUPPRESSIONS_STORE, QueryableStoreTypes.keyValueStore()));
			return store.get(identifierHash) != null;
		}
		catch (InvalidStateStoreException ex) {
			return false;
		}
	}

}
