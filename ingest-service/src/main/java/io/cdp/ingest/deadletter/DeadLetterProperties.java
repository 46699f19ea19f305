package io.cdp.ingest.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dead-letter store ({@code cdp.ingest.dead-letters.*}).
 *
 * @param enabled whether this instance stores dead letters (the API answers either way)
 * @param groupId the consumer group of the writer, behind the topic prefix
 * @param maxBatch the most records stored in one transaction
 * @param retryBackoff the first wait after PostgreSQL refused a batch; it doubles
 * @param maxRetryBackoff the longest wait between attempts
 * @param maxReplay the most dead letters one replay call handles
 * @param replayTimeout how long a replay waits for Kafka to take one record
 */
@Validated
@ConfigurationProperties("cdp.ingest.dead-letters")
record DeadLetterProperties(@DefaultValue("true") boolean enabled,
		@NotBlank @DefaultValue("cdp-ingest-dead-letters") String groupId,
		@Min(1) @Max(10_000) @DefaultValue("500") int maxBatch, @NotNull @DefaultValue("500ms") Duration retryBackoff,
		@NotNull @DefaultValue("30s") Duration maxRetryBackoff, @Min(1) @Max(1000) @DefaultValue("100") int maxReplay,
		@NotNull @DefaultValue("10s") Duration replayTimeout) {

}
