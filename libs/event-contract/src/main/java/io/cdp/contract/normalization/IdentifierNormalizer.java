package io.cdp.contract.normalization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Normalized;
import io.cdp.contract.normalization.NormalizationResult.Rejected;
import org.jspecify.annotations.Nullable;

/**
 * Brings identifiers into the one canonical form that identity resolution compares.
 *
 * <p>
 * In order: the value is trimmed; placeholders that SDKs and forms send for "no value"
 * ({@code null}, {@code undefined}, {@code nil}, {@code 0}, {@code -}, empty) are
 * dropped, ignoring case; values longer than {@link NormalizationRules#maxLength()} are
 * rejected; emails are lower-cased as a whole and must look like
 * {@code local@domain.tld}; phones are parsed with libphonenumber and written in E.164,
 * rejected if unparseable or impossible; other types are only trimmed, so case-sensitive
 * ids stay distinct. Finally, blocked values and values matching a blocked pattern of
 * their type (or of every type) are dropped.
 *
 * <p>
 * A phone number libphonenumber calls possible only locally (a US number without area
 * code) is rejected too: its E.164 form would be wrong, and people in different areas
 * would share it.
 *
 * <p>
 * Email local parts are lower-cased too, although RFC 5321 lets them be case-sensitive:
 * no real provider treats them so, and people type their address in every case. Immutable
 * and thread-safe; libphonenumber's {@link PhoneNumberUtil} is a thread-safe singleton
 * and is shared.
 */
public final class IdentifierNormalizer {

	private static final Set<String> PLACEHOLDERS = Set.of("null", "undefined", "nil", "0", "-");

	private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

	private final NormalizationRules rules;

	private final Set<String> blockedValues;

	/**
	 * Creates a normaliser applying the given rules.
	 * @param rules the rules
	 */
	public IdentifierNormalizer(NormalizationRules rules) {
		this.rules = rules;
		this.blockedValues = rules.blockedValues()
			.stream()
			.map(value -> value.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Normalises one identifier.
	 * @param identifier the identifier as sent
	 * @return the decision
	 */
	public NormalizationResult normalize(Identifier identifier) {
		return normalize(identifier.type(), identifier.value());
	}

	/**
	 * Normalises a raw value of the given type; null is accepted because mapped sources
	 * often carry JSON nulls where an identifier is expected.
	 * @param type the identifier type
	 * @param rawValue the value as sent, or null
	 * @return the decision
	 */
	public NormalizationResult normalize(IdentifierType type, @Nullable String rawValue) {
		if (rawValue == null) {
			return NormalizationResult.dropped(type + " is null");
		}
		String value = rawValue.strip();
		if (value.isEmpty() || PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT))) {
			return NormalizationResult.dropped(type + " is empty or a placeholder for no value");
		}
		if (value.length() > this.rules.maxLength()) {
			return NormalizationResult.rejected(type + " is longer than " + this.rules.maxLength() + " characters");
		}
		NormalizationResult result = canonicalForm(type, value);
		if (result instanceof Normalized(Identifier normalized)) {
			if (this.blockedValues.contains(normalized.value().toLowerCase(Locale.ROOT))) {
				return NormalizationResult.dropped(type + " is a blocked value");
			}
			Pattern blocking = blockingPattern(normalized);
			if (blocking != null) {
				return NormalizationResult.dropped(type + " is blocked by the pattern " + blocking.pattern());
			}
		}
		return result;
	}

	/**
	 * The first blocked pattern that matches the whole value, of the identifier's type or
	 * of every type.
	 */
	private @Nullable Pattern blockingPattern(Identifier identifier) {
		for (String key : new String[] { identifier.type().name(), NormalizationRules.ANY_TYPE }) {
			for (Pattern pattern : this.rules.blockedPatterns().getOrDefault(key, List.of())) {
				if (pattern.matcher(identifier.value()).matches()) {
					return pattern;
				}
			}
		}
		return null;
	}

	/**
	 * Normalises all identifiers of an event, removing duplicates that appear once
	 * normalised.
	 * @param identifiers the identifiers as sent
	 * @return the normalised identifiers and the dropped and rejected inputs
	 */
	public NormalizedIdentifiers normalizeAll(List<Identifier> identifiers) {
		Set<Identifier> normalized = new LinkedHashSet<>();
		Map<Identifier, Dropped> dropped = new LinkedHashMap<>();
		Map<Identifier, Rejected> rejected = new LinkedHashMap<>();
		for (Identifier identifier : identifiers) {
			switch (normalize(identifier)) {
				case Normalized(Identifier result) -> normalized.add(result);
				case Dropped drop -> dropped.put(identifier, drop);
				case Rejected rejection -> rejected.put(identifier, rejection);
			}
		}
		return new NormalizedIdentifiers(new ArrayList<>(normalized), dropped, rejected);
	}

	private NormalizationResult canonicalForm(IdentifierType type, String value) {
		if (type.equals(IdentifierType.EMAIL)) {
			return email(value);
		}
		if (type.equals(IdentifierType.PHONE)) {
			return phone(value);
		}
		return NormalizationResult.normalized(new Identifier(type, value));
	}

	private NormalizationResult email(String value) {
		String lowerCase = value.toLowerCase(Locale.ROOT);
		if (!EMAIL_SHAPE.matcher(lowerCase).matches()) {
			return NormalizationResult.rejected("email does not have the shape local@domain.tld");
		}
		return NormalizationResult.normalized(new Identifier(IdentifierType.EMAIL, lowerCase));
	}

	private NormalizationResult phone(String value) {
		PhoneNumber number;
		try {
			number = this.phoneNumbers.parse(value, this.rules.defaultRegion());
		}
		catch (NumberParseException ex) {
			return NormalizationResult.rejected("phone cannot be parsed with default region "
					+ this.rules.defaultRegion() + ": " + ex.getErrorType());
		}
		ValidationResult possibility = this.phoneNumbers.isPossibleNumberWithReason(number);
		if (possibility != ValidationResult.IS_POSSIBLE) {
			return NormalizationResult.rejected("phone is not a complete possible number for country code +"
					+ number.getCountryCode() + ": " + possibility);
		}
		String e164 = this.phoneNumbers.format(number, PhoneNumberFormat.E164);
		return NormalizationResult.normalized(new Identifier(IdentifierType.PHONE, e164));
	}

}
