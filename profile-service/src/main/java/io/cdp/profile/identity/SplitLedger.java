package io.cdp.profile.identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.profile.ProfileRef;

/**
 * What splits took from a profile: the identifiers they moved to other profiles and those
 * no profile holds any more. An event that looked its identifiers up before their nodes
 * learned of the split still reaches the split profile; the ledger sends it on to where
 * they went.
 *
 * @param moved identifier key → the profile a split moved it to
 * @param dropped identifier keys that no profile holds any more
 */
record SplitLedger(Map<String, ProfileRef> moved, Set<String> dropped) {

	SplitLedger {
		moved = Map.copyOf(moved);
		dropped = Set.copyOf(dropped);
	}

	/** This ledger with what one more split took. */
	SplitLedger and(Map<String, ProfileRef> moreMoved, Set<String> moreDropped) {
		Map<String, ProfileRef> allMoved = new HashMap<>(this.moved);
		allMoved.putAll(moreMoved);
		Set<String> allDropped = new HashSet<>(this.dropped);
		allDropped.addAll(moreDropped);
		allDropped.removeAll(moreMoved.keySet());
		moreDropped.forEach(allMoved::remove);
		return new SplitLedger(allMoved, allDropped);
	}

	/** Whether a split took the identifier from the profile. */
	boolean took(String key) {
		return this.moved.containsKey(key) || this.dropped.contains(key);
	}

}
