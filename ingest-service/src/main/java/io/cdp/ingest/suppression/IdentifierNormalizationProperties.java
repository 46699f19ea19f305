package io.cdp.ingest.suppression;

import java.util.Set;

import io.cdp.contract.normalization.NormalizationRules;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How identifiers are normalised before they are compared with the suppression list: the
 * profile-service's identity settings of the same names and defaults
 * ({@code cdp.identity.default-region}, {@code cdp.identity.blocked-values}), so that one
 * setting configures both services and an identifier hashes here as it hashed when it was
 * suppressed. The identity rules' blocked patterns ({@code cdp.identity.rules.*}) are not
 * read: they only drop values, and a dropped value never joins a profile, so it is never
 * suppressed; checking it costs a hash and finds nothing.
 *
 * @param defaultRegion the region of phone numbers written without a country code
 * @param blockedValues identifier values that identify nobody
 */
@Validated
@ConfigurationProperties("cdp.identity")
record IdentifierNormalizationProperties(@NotBlank @DefaultValue("US") String defaultRegion,
		@DefaultValue Set<String> blockedValues) {

	/** The normalisation rules these settings describe. */
	NormalizationRules rules() {
		return NormalizationRules.forRegion(this.defaultRegion).withBlockedValues(this.blockedValues);
	}

}
