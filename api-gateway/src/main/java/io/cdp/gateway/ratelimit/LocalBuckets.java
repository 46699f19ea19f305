package io.cdp.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdp.gateway.ratelimit.RateLimitProperties.Bucket;
import io.cdp.gateway.ratelimit.TokenBucket.Decision;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The buckets of this instance, one per API key name and one per write key hash: the
 * limits when no Redis is configured, and the fallback while Redis does not answer. A
 * full bucket is forgotten every minute: it behaves exactly like a new one, and so
 * made-up write keys cannot fill the memory.
 */
@Component
class LocalBuckets {

	private final Map<String, TokenBucket> apiKeys = new ConcurrentHashMap<>();

	private final Map<String, TokenBucket> writeKeys = new ConcurrentHashMap<>();

	private final RateLimitProperties properties;

	LocalBuckets(RateLimitProperties properties) {
		this.properties = properties;
	}

	Decision forApiKey(String keyName) {
		return take(this.apiKeys, keyName, this.properties.apiKey());
	}

	Decision forWriteKey(String writeKeyHash) {
		return take(this.writeKeys, writeKeyHash, this.properties.writeKey());
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetFullBuckets() {
		long now = System.nanoTime();
		this.apiKeys.values().removeIf((bucket) -> bucket.full(now));
		this.writeKeys.values().removeIf((bucket) -> bucket.full(now));
	}

	private static Decision take(Map<String, TokenBucket> buckets, String subject, Bucket settings) {
		long now = System.nanoTime();
		return buckets.computeIfAbsent(subject, (key) -> new TokenBucket(settings, now)).take(now);
	}

}
