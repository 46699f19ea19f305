package io.cdp.contract.normalization;

import java.util.Objects;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * The configurable part of identifier normalisation, typically bound from a service's
 * configuration properties.
 *
 * @param defaultRegion the ISO 3166 region (for example {@code US}) assumed for phone
 * numbers written without a country code
 * @param blockedValues values dropped after normalisation, compared ignoring case; for
 * shared placeholders such as {@code test@test.com} that would otherwise merge unrelated
 * people
 * @param maxLength the longest accepted value after trimming
 */
public record NormalizationRules(String defaultRegion, Set<String> blockedValues, int maxLength) {

	/** The default {@link #maxLength()}, long enough for any real email, phone or id. */
	public static final int DEFAULT_MAX_LENGTH = 512;

	/**
	 * Validates and copies the rules.
	 * @throws IllegalArgumentException if the region is unknown to libphonenumber or the
	 * maximum length is not positive
	 */
	public NormalizationRules {
		Objects.requireNonNull(defaultRegion, "defaultRegion must not be null");
		blockedValues = Set.copyOf(Objects.requireNonNull(blockedValues, "blockedValues must not be null"));
		if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException(
					"defaultRegion '" + defaultRegion + "' is not a region code known to libphonenumber, such as US");
		}
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be positive but is " + maxLength);
		}
	}

	/**
	 * Returns the rules used when nothing is configured: region {@code US}, no blocked
	 * values, the default maximum length.
	 * @return the default rules
	 */
	public static NormalizationRules defaults() {
		return forRegion("US");
	}

	/**
	 * Returns rules for the given phone region, with no blocked values and the default
	 * maximum length.
	 * @param defaultRegion the region for phone numbers without a country code
	 * @return the rules
	 */
	public static NormalizationRules forRegion(String defaultRegion) {
		return new NormalizationRules(defaultRegion, Set.of(), DEFAULT_MAX_LENGTH);
	}

	/**
	 * Returns a copy with other blocked values.
	 * @param values the values to drop
	 * @return the new rules
	 */
	public NormalizationRules withBlockedValues(Set<String> values) {
		return new NormalizationRules(this.defaultRegion, values, this.maxLength);
	}

	/**
	 * Returns a copy with another maximum length.
	 * @param length the longest accepted value
	 * @return the new rules
	 */
	public NormalizationRules withMaxLength(int length) {
		return new NormalizationRules(this.defaultRegion, this.blockedValues, length);
	}

}
