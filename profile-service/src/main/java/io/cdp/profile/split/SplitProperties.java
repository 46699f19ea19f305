package io.cdp.profile.split;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of splits, {@code cdp.split.*}.
 *
 * @param awaitApplied how long a split request waits for the split to be applied before
 * it answers 202 with the split's address (below the gateway's response timeout)
 * @param maxEvents the longest history a split re-resolves; a longer one is refused
 */
@ConfigurationProperties("cdp.split")
@Validated
public record SplitProperties(@DefaultValue("5s") Duration awaitApplied, @Min(1) @DefaultValue("50000") int maxEvents) {

}
