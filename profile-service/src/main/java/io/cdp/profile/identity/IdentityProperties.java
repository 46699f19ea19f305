package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
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
 */
@Validated
@ConfigurationProperties("cdp.identity")
public record IdentityProperties(@NotBlank @DefaultValue("cdp-profile-identity") String applicationId,
		@DefaultValue("7d") Duration dedupeWindow, @NotBlank @DefaultValue("US") String defaultRegion,
		@DefaultValue Set<String> blockedValues, @Min(1) @DefaultValue("1") int streamThreads,
		@Min(0) @DefaultValue("0") int standbyReplicas, @Nullable Path stateDir,
		@DefaultValue("100ms") Duration commitInterval, @DefaultValue Map<String, String> streams) {

	/** The identifier normalisation rules these settings describe. */
	public NormalizationRules normalizationRules() {
		return NormalizationRules.forRegion(this.defaultRegion).withBlockedValues(this.blockedValues);
	}

}
