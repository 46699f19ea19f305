package io.cdp.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits. The buckets live in Redis when {@code spring.data.redis} names a server,
 * so that several gateway instances share them; else in each instance's memory, where
 * with several instances a client gets up to the limit on each of them.
 *
 * @param apiKey the bucket of each API key
 * @param writeKey the bucket of each write key on the ingest paths (HTTP Basic user name
 * or the {@code writeKey} query parameter); SDKs send in bursts, so it is larger
 * @param redisKeyPrefix the prefix of the buckets' keys in Redis
 */
@Validated
@ConfigurationProperties("cdp.gateway.rate-limit")
record RateLimitProperties(@Valid @NotNull @DefaultValue Bucket apiKey, @Valid @NotNull @DefaultValue Bucket writeKey,
		@NotBlank @DefaultValue("cdp:gateway:rate-limit:") String redisKeyPrefix) {

	/**
	 * One token bucket: a request takes a token; tokens come back steadily at
	 * {@code refillTokens} per {@code refillPeriod}, up to {@code capacity}.
	 *
	 * @param capacity the largest burst
	 * @param refillTokens tokens added per period
	 * @param refillPeriod the period, at least a millisecond
	 */
	public record Bucket(@Min(1) @DefaultValue("100") int capacity, @Min(1) @DefaultValue("50") int refillTokens,
			@NotNull @DefaultValue("1s") Duration refillPeriod) {

		/** Refill periods are handled in milliseconds (Redis's clock in the script). */
		@AssertTrue(message = "refill-period must be at least 1ms")
		boolean isRefillPeriodAtLeastAMillisecond() {
			return this.refillPeriod.toMillis() >= 1;
		}

	}

}
