package io.cdp.ingest.collect;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Size limits of ingest requests, the same as Segment's tracking API so SDKs batch alike;
 * but where Segment answers 200 and drops what is over, the platform answers 400 or 413
 * naming the limit.
 *
 * @param maxMessageSize the largest single message (a single call's body, or one message
 * of a batch)
 * @param maxRequestSize the largest request body, after gzip decoding
 * @param maxBatchMessages the most messages in one batch request
 */
@Validated
@ConfigurationProperties("cdp.ingest.limits")
public record IngestLimits(@NotNull @DefaultValue("32KB") DataSize maxMessageSize,
		@NotNull @DefaultValue("500KB") DataSize maxRequestSize,
		@Min(1) @Max(100_000) @DefaultValue("2500") int maxBatchMessages) {

}
