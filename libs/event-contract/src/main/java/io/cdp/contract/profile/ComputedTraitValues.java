package io.cdp.contract.profile;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The values of the custom computed traits (the definitions of
 * {@code /v1/admin/computed-traits}) of an active profile, as the profile service last
 * computed them from the profile's stored history. The computation runs beside the
 * identity topology (every {@code cdp.computed-traits.interval}); a changed value reaches
 * {@code cdp.profiles.v1} as a new version of the profile, within a few seconds of the
 * event that changed it. A merge keeps the survivor's values until they are computed
 * again over the joined history.
 *
 * @param values each trait's value by its name: a number, a string or a boolean; a trait
 * without any matching event is absent
 * @param computedAt when these values were read
 */
public record ComputedTraitValues(Map<String, @Nullable Object> values, Instant computedAt) {

	/** Copies the values, sorted by name, which are immutable from then on. */
	public ComputedTraitValues {
		values = Collections.unmodifiableMap(new TreeMap<>(values));
	}

	/**
	 * Whether the other holds the same values, whenever they were computed.
	 * @param other the other values, or null
	 * @return true when the values are equal
	 */
	public boolean sameValuesAs(@Nullable ComputedTraitValues other) {
		return (other != null) ? this.values.equals(other.values) : this.values.isEmpty();
	}

}
