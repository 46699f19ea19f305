package io.cdp.profile.identity;

import java.util.function.Consumer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a global store as its compacted topic says, on every instance: a value replaces
 * the key's, a tombstone removes it. The identity topology has two:
 * <ul>
 * <li>{@link #ASSIGNMENTS_STORE}: for every identifier, the profile its identifier node
 * last pointed it at, once the node's transaction committed. The gather step reads it for
 * its fast path; it may lag behind the identifier nodes, never run ahead of them.</li>
 * <li>{@link #HUBS_STORE}: the identifier values seen on too many profiles
 * ({@link HubIdentifier}), which the gather step leaves out of linking.</li>
 * </ul>
 *
 * @param <V> the values
 */
final class GlobalStoreUpdater<V> implements Processor<String, V, Void, Void> {

	static final String ASSIGNMENTS_STORE = "identifier-assignments";

	static final String HUBS_STORE = "identifier-hubs";

	/**
	 * The identifiers suppressed by privacy requests, by {@code IdentifierHash}: the
	 * gather step drops every event that carries one.
	 */
	static final String SUPPRESSIONS_STORE = "identifier-suppressions";

	private final String storeName;

	private final Consumer<String> removed;

	private final Stored<V> stored;

	private @Nullable KeyValueStore<String, V> store;

	private @Nullable ProcessorContext<Void, Void> context;

	GlobalStoreUpdater(String storeName) {
		this(storeName, (key) -> {
		});
	}

	/**
	 * An updater that also tells when a tombstone removed a key.
	 * @param storeName the store
	 * @param removed called with each key a tombstone removes
	 */
	GlobalStoreUpdater(String storeName, Consumer<String> removed) {
		this(storeName, removed, (key, value, at) -> {
		});
	}

	/**
	 * An updater that also tells when a value was stored, and at what wall-clock time
	 * (taken after the store has it: a stream thread reading the store later sees it).
	 * @param storeName the store
	 * @param removed called with each key a tombstone removes
	 * @param stored called with each key and value stored
	 */
	GlobalStoreUpdater(String storeName, Consumer<String> removed, Stored<V> stored) {
		this.storeName = storeName;
		this.removed = removed;
		this.stored = stored;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.store = context.getStateStore(this.storeName);
		this.context = context;
	}

	@Override
	public void process(Record<String, V> record) {
		if (this.store == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		if (record.key() == null) {
			return;
		}
		// A null value (a tombstone) removes the key.
		this.store.put(record.key(), record.value());
		if (record.value() == null) {
			this.removed.accept(record.key());
		}
		else if (this.context != null) {
			this.stored.accept(record.key(), record.value(),
					java.time.Instant.ofEpochMilli(this.context.currentSystemTimeMs()));
		}
	}

	/**
	 * Told of each value stored.
	 *
	 * @param <V> the values
	 */
	@FunctionalInterface
	interface Stored<V> {

		void accept(String key, V value, java.time.Instant at);

	}

}
