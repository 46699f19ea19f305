package io.cdp.contract.normalization;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param blockedPatterns values dropped after normalisation when one of these patterns
 * matches the whole value, by identifier type name, with {@link #ANY_TYPE} for patterns
 * that apply to every type
 */
public record NormalizationRules(String defaultRegion, Set<String> blockedValues, int maxLength,
		Map<String, List<Pattern>> blockedPatterns) {

	/** The key of {@link #blockedPatterns()} whose patterns apply to every type. */
	public static final String ANY_TYPE = "*";

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
		blockedPatterns = Map.copyOf(Objects.requireNonNull(blockedPatterns, "blockedPatterns must not be null"));
		if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException(
					"defaultRegion '" + defaultRegion + "' is not a region code known to libphonenumber, such as US");
		}
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be positive but is " + maxLength);
		}
	}

	/**
	 * Rules without blocked patterns.
	 * @param defaultRegion the region for phone numbers without a country code
	 * @param blockedValues the values to drop
	 * @param maxLength the longest accepted value
	 */
	public NormalizationRules(String defaultRegion, Set<String> blockedValues, int maxLength) {
		this(defaultRegion, blockedValues, maxLength, Map.of());
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
		return new NormalizationRules(this.defaultRegion, values, this.maxLength, this.blockedPatterns);
	}

	/**
	 * Returns a copy with another maximum length.
	 * @param length the longest accepted value
	 * @return the new rules
	 */
	public NormalizationRules withMaxLength(int length) {
		return new NormalizationRules(this.defaultRegion, this.blockedValues, length, this.blockedPatterns);
	}

	/**
	 * Returns a copy with other blocked patterns.
	 * @param patterns the patterns by identifier type name, {@link #ANY_TYPE} for all
	 * @return the new rules
	 */
	public NormalizationRules withBlockedPatterns(Map<String, List<Pattern>> patterns) {
		return new NormalizationRules(this.defaultRegion, this.blockedValues, this.maxLength, patterns);
	}

}
