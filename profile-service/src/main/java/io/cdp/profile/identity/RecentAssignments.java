package io.cdp.profile.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.profile.ProfileRef;
import org.jspecify.annotations.Nullable;

/**
 * What the gather steps of one instance know of the identifiers' profiles, in front of
 * the global store of assignments: identifier key → the profile the event carrying it was
 * applied to (learned from the identifier nodes' answers), or the profile the global
 * store gave (kept so that the next event of the person does not read the store again),
 * for the most recently used identifiers. An answer is known here as soon as it arrives,
 * so the next events of a person take the fast path even while the global store lags (a
 * backlog, a burst of new people).
 *
 * <p>
 * Every answer here is one the identifier nodes gave in a committed transaction, or the
 * oldest profile of such answers, which the others are being merged into. Like the global
 * store's, such an answer may be out of date, never wrong: identifiers that once belonged
 * to one person stay in that person, and a profile that was merged forwards what reaches
 * it to its survivor. Whenever the global store takes a new value for an identifier (or
 * deletes it), the identifier is forgotten here, so that what is known here is never
 * older than the store: the next event reads the store's new value. A value read from the
 * store is kept only when no identifier was forgotten while it was read, so that a value
 * the store replaced meanwhile is not kept after its replacement. Shared by the
 * instance's stream threads, bounded, the least recently used forgotten first.
 */
final class RecentAssignments {

	/** About 100 bytes an entry: tens of megabytes at most. */
	static final int DEFAULT_CAPACITY = 200_000;

	private final Map<String, ProfileRef> recent;

	/** Moves whenever an identifier is forgotten. */
	private long forgotten;

	RecentAssignments(int capacity) {
		this.recent = new LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ProfileRef> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * The profile an identifier was last applied to here.
	 * @param key the identifier's {@code type:value} key
	 * @return the profile, or null when it is not known here
	 */
	synchronized @Nullable ProfileRef get(String key) {
		return this.recent.get(key);
	}

	/**
	 * Records that events carrying an identifier now go to a profile.
	 * @param key the identifier's {@code type:value} key
	 * @param profile the profile
	 */
	synchronized void put(String key, ProfileRef profile) {
		this.recent.put(key, profile);
	}

	/**
	 * Where forgetting stands, taken before the global store is read, for {@link #keep}.
	 * @return a mark that moves whenever an identifier is forgotten
	 */
	synchronized long mark() {
		return this.forgotten;
	}

	/**
	 * Keeps the profile the global store gave for an identifier, unless an identifier was
	 * forgotten since the mark (the store may have replaced what was read).
	 * @param key the identifier's {@code type:value} key
	 * @param profile the profile the store gave
	 * @param mark {@link #mark()} taken before the store was read
	 */
	synchronized void keep(String key, ProfileRef profile, long mark) {
		if (mark == this.forgotten) {
			this.recent.putIfAbsent(key, profile);
		}
	}

	/**
	 * Forgets an identifier whose pointer the global store replaced, or its node deleted
	 * (a privacy request deleted the person, or a split detached it): its next event
	 * reads the store, or is looked up again.
	 * @param key the identifier's {@code type:value} key
	 */
	synchronized void forget(String key) {
		this.forgotten++;
		this.recent.remove(key);
	}

}
