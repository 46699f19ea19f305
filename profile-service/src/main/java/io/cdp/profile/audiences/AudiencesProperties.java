package io.cdp.profile.audiences;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audiences' settings, {@code cdp.audiences.*}.
 *
 * @param maxDefinitions the most audiences that may exist: each one is evaluated for
 * every profile change
 * @param republishInterval how often every definition is published again, so that one
 * whose publication failed reaches the membership step all the same
 * @param dryRunMaxProfiles the most active profiles a dry run evaluates; past it the
 * answer says it is partial
 * @param groupId the consumer group of the member writer, namespaced
 * @param retryBackoff the first wait after the member writer failed to store a poll
 */
@Validated
@ConfigurationProperties("cdp.audiences")
record AudiencesProperties(@DefaultValue("100") @Min(1) @Max(10_000) int maxDefinitions,
		@DefaultValue("1m") Duration republishInterval,
		@DefaultValue("200000") @Min(1) @Max(10_000_000) int dryRunMaxProfiles,
		@DefaultValue("cdp-audience-members") @NotBlank String groupId, @DefaultValue("1s") Duration retryBackoff) {

}
