package io.cdp.profile.identity;

import java.time.Instant;
import java.util.Map;

import io.cdp.profile.audience.DailyCounts;
import org.jspecify.annotations.Nullable;

/**
 * What the membership step keeps per profile: the audiences it is in, the event counts
 * its audiences need, how many changes it had per audience (which numbers its changes)
 * and when it is due to be evaluated again.
 *
 * @param entered when the profile entered each audience it is in, by audience id
 * @param counts the day counts of each event counter an audience needs, by
 * {@link io.cdp.profile.audience.EventCounter#key() counter key}
 * @param changes how many membership changes the profile had per audience id, so far
 * @param dueAt the epoch second of its re-evaluation in the due-time store, or null
 */
record Memberships(Map<String, Instant> entered, Map<String, DailyCounts> counts, Map<String, Long> changes,
		@Nullable Long dueAt) {

	/** No membership, no count. */
	static final Memberships NONE = new Memberships(Map.of(), Map.of(), Map.of(), null);

	/** Copies the maps, which are immutable from then on; missing maps are empty. */
	Memberships {
		entered = (entered != null) ? Map.copyOf(entered) : Map.of();
		counts = (counts != null) ? Map.copyOf(counts) : Map.of();
		changes = (changes != null) ? Map.copyOf(changes) : Map.of();
	}

	/**
	 * Whether there is nothing worth keeping: no membership, no count and no change yet
	 * (whose number the next change must follow, so that change ids never repeat).
	 */
	boolean isEmpty() {
		return this.entered.isEmpty() && this.counts.isEmpty() && this.changes.isEmpty();
	}

}
