package io.cdp.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Chooses where the buckets live: in Redis when {@code spring.data.redis} names a server
 * (its {@code url}, {@code host}, {@code cluster.nodes} or {@code sentinel.master}), so
 * that all instances share them; else in this instance's memory.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	private static final String[] REDIS_SERVER_PROPERTIES = { "spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.master" };

	@Bean
	RateLimiter rateLimiter(Environment environment, RateLimitProperties properties, LocalBuckets local,
			ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
		if (redisConfigured(environment)) {
			return new RedisRateLimiter(redis.getObject(), properties, local, meters);
		}
		return new RateLimiter() {

			@Override
			public Mono<TokenBucket.Decision> forApiKey(String keyName) {
				return Mono.fromSupplier(() -> local.forApiKey(keyName));
			}

			@Override
			public Mono<TokenBucket.Decision> forWriteKey(String writeKeyHash) {
				return Mono.fromSupplier(() -> local.forWriteKey(writeKeyHash));
			}

		};
	}

	static boolean redisConfigured(Environment environment) {
		for (String property : REDIS_SERVER_PROPERTIES) {
			String value = environment.getProperty(property);
			if (value != null && !value.isBlank()) {
				return true;
			}
		}
		return false;
	}

}
