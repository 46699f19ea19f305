package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.stereotype.Component;

/**
 * The identifier values that became hubs, read from this instance's copy of the global
 * hubs store (every instance has all of them): for {@code GET /v1/admin/identity/hubs}.
 */
@Component
public class HubDirectory {

	private final IdentityStreams streams;

	HubDirectory(IdentityStreams streams) {
		this.streams = streams;
	}

	/**
	 * Whether an identifier stopped linking (a hub, or detached by a split), as far as
	 * this instance's copy of the store knows; false while it cannot be read.
	 * @param key the identifier, {@code type:value}
	 * @return whether it is a hub
	 */
	public boolean isHub(String key) {
		KafkaStreams running = this.streams.streams();
		if (running == null) {
			return false;
		}
		try {
			ReadOnlyKeyValueStore<String, HubIdentifier> store = running.store(StoreQueryParameters
				.fromNameAndType(GlobalStoreUpdater.HUBS_STORE, QueryableStoreTypes.keyValueStore()));
			return store.get(key) != null;
		}
		catch (InvalidStateStoreException ex) {
			return false;
		}
	}

	/**
	 * The hubs, by identifier, from a starting identifier on.
	 * @param after the last identifier of the previous page, or empty for the first
	 * @param limit the most to return
	 * @return the hubs, ordered by identifier; empty when the store cannot be read yet
	 */
	public Optional<List<HubIdentifier>> list(Optional<String> after, int limit) {
		KafkaStreams running = this.streams.streams();
		if (running == null) {
			return Optional.empty();
		}
		try {
			ReadOnlyKeyValueStore<String, HubIdentifier> store = running.store(StoreQueryParameters
				.fromNameAndType(GlobalStoreUpdater.HUBS_STORE, QueryableStoreTypes.keyValueStore()));
			List<HubIdentifier> hubs = new ArrayList<>();
			try (KeyValueIterator<String, HubIdentifier> all = after.isPresent() ? store.range(after.get(), null)
					: store.all()) {
				while (all.hasNext() && hubs.size() < limit) {
					KeyValue<String, HubIdentifier> next = all.next();
					if (after.isEmpty() || !next.key.equals(after.get())) {
						hubs.add(next.value);
					}
				}
			}
			return Optional.of(hubs);
		}
		catch (InvalidStateStoreException ex) {
			return Optional.empty();
		}
	}

}
