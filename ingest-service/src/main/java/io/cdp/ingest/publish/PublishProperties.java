package io.cdp.ingest.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a request waits for Kafka.
 *
 * @param ackTimeout the longest a request waits for Kafka to acknowledge its events
 * before it answers 503; keep it below the SDKs' own request timeout (10 s and more)
 * @param retryAfter what the 503 tells SDKs to wait before retrying
 */
@Validated
@ConfigurationProperties("cdp.ingest.publish")
record PublishProperties(@NotNull @DefaultValue("8s") Duration ackTimeout,
		@NotNull @DefaultValue("5s") Duration retryAfter) {

}
