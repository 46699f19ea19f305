package io.cdp.profile.identity;

import java.util.Map;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.jspecify.annotations.Nullable;

/**
 * A store that holds nothing and tells its processor when the task is about to commit, so
 * that the processor can write what it kept in memory since the last commit into the same
 * transaction.
 *
 * <p>
 * Kafka Streams gives processors no commit callback. It does flush the record caches of
 * its stores right before every commit (a regular one, and the one before a task is
 * suspended, moved or closed cleanly) and before the record collector is flushed, and
 * that is how its own tables emit once per key per commit. This store takes part in that
 * flush as a cached store: {@link #flushCache()} runs the processor's flush, whose writes
 * and records join the transaction being committed. {@link #clearCache()} runs when the
 * task's stores drop their caches unwritten (a task recycled); the processor then forgets
 * what it kept. A task whose uncommitted work is thrown away is initialised again, and
 * its processor forgets what it kept then.
 */
final class CommitHook implements StateStore, CachedStateStore<Object, Object> {

	private final String name;

	private boolean open;

	private @Nullable Runnable flush;

	private @Nullable Runnable discard;

	private CommitHook(String name) {
		this.name = name;
	}

	/**
	 * Sets what runs before each commit and when uncommitted work is discarded.
	 * @param flush writes what the processor kept since the last commit
	 * @param discard forgets it
	 */
	void onCommit(Runnable flush, Runnable discard) {
		this.flush = flush;
		this.discard = discard;
	}

	@Override
	public void flushCache() {
		if (this.flush != null) {
			this.flush.run();
		}
	}

	@Override
	public void clearCache() {
		if (this.discard != null) {
			this.discard.run();
		}
	}

	@Override
	public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
		return false;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void init(StateStoreContext context, StateStore root) {
		// Nothing to restore: a store without a changelog still registers itself.
		context.register(root, (key, value) -> {
		});
		this.open = true;
	}

	@Override
	public void flush() {
		// Nothing is stored.
	}

	@Override
	public void close() {
		this.open = false;
		this.flush = null;
		this.discard = null;
	}

	@Override
	public boolean persistent() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	/**
	 * A builder of the store, one per task.
	 * @param name the store's name
	 * @return the builder
	 */
	static StoreBuilder<CommitHook> builder(String name) {
		return new StoreBuilder<>() {

			@Override
			public StoreBuilder<CommitHook> withCachingEnabled() {
				return this;
			}

			@Override
			public StoreBuilder<CommitHook> withCachingDisabled() {
				return this;
			}

			@Override
			public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
				return this;
			}

			@Override
			public StoreBuilder<CommitHook> withLoggingDisabled() {
				return this;
			}

			@Override
			public CommitHook build() {
				return new CommitHook(name);
			}

			@Override
			public Map<String, String> logConfig() {
				return Map.of();
			}

			@Override
			public boolean loggingEnabled() {
				return false;
			}

			@Override
			public String name() {
				return name;
			}

		};
	}

}
