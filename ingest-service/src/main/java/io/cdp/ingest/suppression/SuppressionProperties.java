package io.cdp.ingest.suppression;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Suppression at the door ({@code cdp.ingest.suppressions.*}).
 *
 * @param retryInterval how long the suppression list's reader waits after Kafka refused
 * it before it tries again, and between looks for a topic that does not exist yet
 */
@Validated
@ConfigurationProperties("cdp.ingest.suppressions")
record SuppressionProperties(@NotNull @DefaultValue("5s") Duration retryInterval) {

}
