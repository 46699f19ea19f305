package io.cdp.profile.api;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Normalized;
import io.cdp.contract.normalization.NormalizationResult.Rejected;

/**
 * The {@code identifier} query parameter ({@code type:value}), normalised as identity
 * resolution normalises it, so that a read finds what was stored.
 */
final class IdentifierParameter {

	private IdentifierParameter() {
	}

	/**
	 * Parses and normalises the parameter.
	 * @param normalizer the rules identity resolution normalises with
	 * @param identifier the parameter's value
	 * @return the normalised identifier
	 * @throws InvalidParameterException naming {@code identifier} when it is not
	 * {@code type:value} or names nobody
	 */
	static Identifier normalize(IdentifierNormalizer normalizer, String identifier) {
		Identifier parsed;
		try {
			parsed = Identifier.parse(ParameterText.require("identifier", identifier));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("identifier", ex.getMessage());
		}
		return switch (normalizer.normalize(parsed)) {
			case Normalized(Identifier normalized) -> normalized;
			case Dropped(String reason) ->
				throw new InvalidParameterException("identifier", "identifier never names a person: " + reason);
			case Rejected(String reason) -> throw new InvalidParameterException("identifier", reason);
		};
	}

}
