package io.cdp.profile.store;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the store writer.
 *
 * @param groupId the Kafka consumer group (namespaced by {@code cdp.topics.prefix})
 * @param concurrency how many consumers of the group this instance runs, each writing its
 * own partitions' batches in its own transactions, at the same time
 * @param maxBatch the most records written in one database transaction
 * @param retryBackoff the first wait after a failed write; it doubles up to
 * {@code maxRetryBackoff} while PostgreSQL stays unavailable
 * @param maxRetryBackoff the longest wait between attempts
 * @param partitionMonthsAhead how many monthly partitions of the events table exist ahead
 * of the current month
 */
@Validated
@ConfigurationProperties("cdp.store")
record StoreProperties(@NotBlank @DefaultValue("cdp-profile-store") String groupId,
		@Min(1) @DefaultValue("1") int concurrency, @Min(1) @DefaultValue("1000") int maxBatch,
		@DefaultValue("500ms") Duration retryBackoff, @DefaultValue("30s") Duration maxRetryBackoff,
		@Min(1) @DefaultValue("3") int partitionMonthsAhead) {

}
