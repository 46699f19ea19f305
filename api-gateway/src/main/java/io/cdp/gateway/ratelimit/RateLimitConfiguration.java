package io.cdp.gateway.ratelimit;

import io.cdp.gateway.system.RedisServer;
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

	@Bean
	RateLimiter rateLimiter(Environment environment, RateLimitProperties properties, LocalBuckets local,
			ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
		if (RedisServer.configured(environment)) {
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

}
