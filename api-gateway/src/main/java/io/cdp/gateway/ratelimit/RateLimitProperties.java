package io.cdp.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits. The buckets live in each instance's memory, so with several instances
 * behind a load balancer a client gets up to the limit on each of them.
 *
 * @param apiKey the bucket of each API key
 * @param writeKey the bucket of each write key on the ingest paths (HTTP Basic user name
 * or the {@code writeKey} query parameter); SDKs send in bursts, so it is larger
 */
@Validated
@ConfigurationProperties("cdp.gateway.rate-limit")
public record RateLimitProperties(@Valid @NotNull @DefaultValue Bucket apiKey,
		@Valid @NotNull @DefaultValue Bucket writeKey) {

	/**
	 * One token bucket: a request takes a token; tokens come back steadily at
	 * {@code refillTokens} per {@code refillPeriod}, up to {@code capacity}.
	 *
	 * @param capacity the largest burst
	 * @param refillTokens tokens added per period
	 * @param refillPeriod the period
	 */
	public record Bucket(@Min(1) @DefaultValue("100") int capacity, @Min(1) @DefaultValue("50") int refillTokens,
			@NotNull @DefaultValue("1s") Duration refillPeriod) {

	}

}
