package io.cdp.contract.normalization;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Rejected;

/**
 * The outcome of normalising all identifiers of one event.
 *
 * @param identifiers the normalised identifiers in input order, without duplicates (two
 * inputs that normalise to the same identifier appear once)
 * @param dropped the input identifiers that were junk or blocked, with the reason
 * @param rejected the input identifiers that were malformed, with the reason
 */
public record NormalizedIdentifiers(List<Identifier> identifiers, Map<Identifier, Dropped> dropped,
		Map<Identifier, Rejected> rejected) {

	/**
	 * Copies the components, keeping the input order of the maps.
	 * @param identifiers the normalised identifiers
	 * @param dropped the dropped inputs
	 * @param rejected the rejected inputs
	 */
	public NormalizedIdentifiers {
		identifiers = List.copyOf(identifiers);
		dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
		rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
	}

	/**
	 * Tells whether any input was malformed, which an API reports back to the sender.
	 * @return true if at least one identifier was rejected
	 */
	public boolean hasRejections() {
		return !this.rejected.isEmpty();
	}

}
