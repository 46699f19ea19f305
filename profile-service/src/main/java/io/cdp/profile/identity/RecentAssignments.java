package io.cdp.profile.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.profile.ProfileRef;
import org.jspecify.annotations.Nullable;

/**
 * What the gather steps of one instance learned from the identifier nodes' answers:
 * identifier key → the profile the event carrying it was applied to, for the most
 * recently used identifiers. The global store of assignments knows the same once the
 * identifier nodes' transactions committed and its thread caught up; this knows it as
 * soon as the answers arrive, so the next events of a person take the fast path even
 * while the global store lags (a backlog, a burst of new people).
 *
 * <p>
 * Every answer here is one the identifier nodes gave in a committed transaction, or the
 * oldest profile of such answers, which the others are being merged into. Like the global
 * store's, such an answer may be out of date, never wrong: identifiers that once belonged
 * to one person stay in that person, and a profile that was merged forwards what reaches
 * it to its survivor. Shared by the instance's stream threads, bounded, the least
 * recently used forgotten first.
 */
final class RecentAssignments {

	/** About 100 bytes an entry: tens of megabytes at most. */
	static final int DEFAULT_CAPACITY = 200_000;

	private final Map<String, ProfileRef> recent;

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
	 * Forgets an identifier whose pointer its node deleted (a privacy request deleted the
	 * person, or a split detached it): its next event is looked up again.
	 * @param key the identifier's {@code type:value} key
	 */
	synchronized void forget(String key) {
		this.recent.remove(key);
	}

}
