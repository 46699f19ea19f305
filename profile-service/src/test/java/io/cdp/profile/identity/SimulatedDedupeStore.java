package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * The dedupe window store of the gather step for {@link SimulatedCluster}, which runs
 * processors outside Kafka Streams where Streams' own window stores cannot initialise. It
 * keeps every put and answers the single-key range fetch the gather step uses; the real
 * RocksDB store is covered by the driver and real-broker tests.
 */
final class SimulatedDedupeStore implements WindowStore<String, Long> {

	private final Map<String, List<Long>> timestamps = new HashMap<>();

	private boolean open;

	@Override
	public void put(String key, @Nullable Long value, long windowStartTimestamp) {
		this.timestamps.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add(windowStartTimestamp);
	}

	@Override
	public WindowStoreIterator<Long> fetch(String key, long timeFrom, long timeTo) {
		Iterator<Long> matches = this.timestamps.getOrDefault(key, List.of())
			.stream()
			.filter((time) -> time >= timeFrom && time <= timeTo)
			.toList()
			.iterator();
		return new WindowStoreIterator<>() {

			@Override
			public boolean hasNext() {
				return matches.hasNext();
			}

			@Override
			public KeyValue<Long, Long> next() {
				Long time = matches.next();
				return KeyValue.pair(time, time);
			}

			@Override
			public Long peekNextKey() {
				throw new UnsupportedOperationException();
			}

			@Override
			public void close() {
			}

		};
	}

	@Override
	public @Nullable Long fetch(String key, long time) {
		throw new UnsupportedOperationException("not used by the gather step");
	}

	@Override
	public KeyValueIterator<Windowed<String>, Long> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
		throw new UnsupportedOperationException("not used by the gather step");
	}

	@Override
	public KeyValueIterator<Windowed<String>, Long> fetchAll(long timeFrom, long timeTo) {
		throw new UnsupportedOperationException("not used by the gather step");
	}

	@Override
	public KeyValueIterator<Windowed<String>, Long> all() {
		throw new UnsupportedOperationException("not used by the gather step");
	}

	@Override
	public String name() {
		return GatherProcessor.DEDUPE_STORE;
	}

	@Override
	public void init(StateStoreContext context, StateStore root) {
		this.open = true;
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.open = false;
	}

	@Override
	public boolean persistent() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

}
