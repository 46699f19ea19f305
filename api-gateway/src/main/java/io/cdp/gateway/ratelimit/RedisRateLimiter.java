package io.cdp.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.cdp.gateway.ratelimit.RateLimitProperties.Bucket;
import io.cdp.gateway.ratelimit.TokenBucket.Decision;
import io.cdp.gateway.system.RequestIdLogging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets kept in Redis, so that every gateway instance draws from the same bucket. One
 * Lua script refills and takes a token atomically, on Redis's own clock, so the
 * instances' clocks do not matter; a bucket's key expires once it would be full again.
 *
 * <p>
 * While Redis does not answer, each instance falls back to its {@link LocalBuckets}:
 * limits then hold per instance instead of failing every request. Failures are counted in
 * {@code cdp.gateway.rate-limit.redis.failures} and logged at most once a minute.
 */
final class RedisRateLimiter implements RateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(RedisRateLimiter.class);

	private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TOKEN_BUCKET = RedisScript
		.of(new ClassPathResource("io/cdp/gateway/ratelimit/token-bucket.lua"), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitProperties properties;

	private final LocalBuckets fallback;

	private final Counter failures;

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

	RedisRateLimiter(ReactiveStringRedisTemplate redis, RateLimitProperties properties, LocalBuckets fallback,
			MeterRegistry meters) {
		this.redis = redis;
		this.properties = properties;
		this.fallback = fallback;
		this.failures = Counter.builder("cdp.gateway.rate-limit.redis.failures")
			.description("Rate-limit decisions taken from the local buckets because Redis did not answer")
			.register(meters);
	}

	@Override
	public Mono<Decision> forApiKey(String keyName) {
		return take("api-key:" + keyName, this.properties.apiKey(), () -> this.fallback.forApiKey(keyName));
	}

	@Override
	public Mono<Decision> forWriteKey(String writeKeyHash) {
		return take("write-key:" + writeKeyHash, this.properties.writeKey(),
				() -> this.fallback.forWriteKey(writeKeyHash));
	}

	private Mono<Decision> take(String subject, Bucket bucket, Supplier<Decision> local) {
		double tokensPerMilli = (double) bucket.refillTokens() / bucket.refillPeriod().toMillis();
		return this.redis
			.execute(TOKEN_BUCKET, List.of(this.properties.redisKeyPrefix() + subject),
					List.of(Integer.toString(bucket.capacity()), Double.toString(tokensPerMilli)))
			.next()
			.map((reply) -> decision(bucket, reply))
			.onErrorResume((ex) -> Mono.deferContextual((context) -> {
				this.failures.increment();
				RequestIdLogging.log(context, () -> warn(ex));
				return Mono.fromSupplier(local);
			}));
	}

	private static Decision decision(Bucket bucket, List<?> reply) {
		long allowed = ((Number) reply.get(0)).longValue();
		long remaining = ((Number) reply.get(1)).longValue();
		long untilNextToken = Duration.ofMillis(((Number) reply.get(2)).longValue()).toNanos();
		long untilFull = Duration.ofMillis(((Number) reply.get(3)).longValue()).toNanos();
		return new Decision(allowed == 1, bucket.capacity(), (int) remaining, untilNextToken, untilFull);
	}

	private void warn(Throwable ex) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_NANOS && this.lastWarning.compareAndSet(last, now)) {
			logger.warn("Redis did not answer a rate-limit request ({}); limiting per instance until it does",
					ex.toString());
		}
	}

}
