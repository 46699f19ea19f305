package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.normalization.NormalizationRules;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of identity resolution and of the Kafka Streams application running it.
 *
 * @param applicationId the Streams application id: consumer group, state directory and
 * prefix of Streams' own topics (namespaced by {@code cdp.topics.prefix})
 * @param dedupeWindow how long a messageId is remembered, so that SDK retries and webhook
 * re-deliveries within it count once
 * @param defaultRegion region for phone numbers written without a country code
 * @param blockedValues identifier values that never identify anyone (test addresses,
 * shared placeholders), on top of the built-in junk values
 * @param streamThreads stream threads per instance
 * @param standbyReplicas warm copies of each store on other instances, for fast fail-over
 * @param stateDir where RocksDB keeps the stores; the system temporary directory if unset
 * @param commitInterval how often a transaction commits; each protocol step waits for the
 * previous one's commit, so this bounds the latency of an event
 * @param streams further Kafka Streams settings, passed as they are (for example
 * {@code cdp.identity.streams[session.timeout.ms]=10000}); they cannot turn exactly-once
 * off
 * @param rules limits, priority and blocked values that protect profiles from wrong
 * merges
 */
@Validated
@ConfigurationProperties("cdp.identity")
public record IdentityProperties(@NotBlank @DefaultValue("cdp-profile-identity") String applicationId,
		@DefaultValue("7d") Duration dedupeWindow, @NotBlank @DefaultValue("US") String defaultRegion,
		@DefaultValue Set<String> blockedValues, @Min(1) @DefaultValue("1") int streamThreads,
		@Min(0) @DefaultValue("0") int standbyReplicas, @Nullable Path stateDir,
		@DefaultValue("100ms") Duration commitInterval, @DefaultValue Map<String, String> streams,
		@DefaultValue Rules rules) {

	/** The identifier normalisation rules these settings describe. */
	public NormalizationRules normalizationRules() {
		return identityRules()
			.normalization(NormalizationRules.forRegion(this.defaultRegion).withBlockedValues(this.blockedValues));
	}

	/**
	 * The identity rules these settings describe, checked.
	 * @throws IllegalArgumentException naming every wrong setting
	 */
	public IdentityRules identityRules() {
		return new IdentityRules(this.rules.limits(), this.rules.defaultLimit(), this.rules.windows(),
				this.rules.priority(), this.rules.blocked(), this.rules.defaultBlocked(), this.rules.maxIdentifiers(),
				this.rules.maxMergedProfiles(), this.rules.hubThreshold());
	}

	/**
	 * The settings of {@link IdentityRules} ({@code cdp.identity.rules}). Map keys are
	 * identifier type names; write them in brackets in YAML and properties
	 * ({@code cdp.identity.rules.limits[email]=3}) so the underscore of {@code user_id}
	 * stays.
	 *
	 * @param limits limits by type, on top of the default {@code user_id} 1
	 * @param defaultLimit the limit of every other type
	 * @param windows per type, count only identifiers seen within this long
	 * @param priority types in the order they decide
	 * @param blocked patterns by type ({@code any} for all) of values that never link
	 * @param defaultBlocked whether the built-in junk patterns apply too
	 * @param maxIdentifiers the most identifiers one profile holds
	 * @param maxMergedProfiles the most profiles merged into one
	 * @param hubThreshold on how many profiles an identifier value may be seen before it
	 * stops linking
	 */
	public record Rules(@DefaultValue Map<String, Integer> limits, @DefaultValue("5") int defaultLimit,
			@DefaultValue Map<String, Duration> windows, @DefaultValue( {
					"user_id", "email", "phone" }) List<String> priority,
			@DefaultValue Map<String, List<String>> blocked, @DefaultValue("true") boolean defaultBlocked,
			@DefaultValue("100") int maxIdentifiers, @DefaultValue("1000") int maxMergedProfiles,
			@DefaultValue("10") int hubThreshold){

		/** The defaults, as if nothing were configured. */
		public static Rules defaults() {
			return new Rules(Map.of(), IdentityRules.DEFAULT_LIMIT, Map.of(), IdentityRules.DEFAULT_PRIORITY, Map.of(),
					true, 100, 1000, IdentityRules.DEFAULT_HUB_THRESHOLD);
		}

	}

}
