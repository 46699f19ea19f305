package io.cdp.gateway.ratelimit;

import io.cdp.gateway.ratelimit.TokenBucket.Decision;
import reactor.core.publisher.Mono;

/**
 * Takes one token from the bucket of an API key or a write key and says whether the
 * request may pass.
 */
interface RateLimiter {

	/** The bucket of the API key with this name. */
	Mono<Decision> forApiKey(String keyName);

	/** The bucket of the write key with this SHA-256 hash. */
	Mono<Decision> forWriteKey(String writeKeyHash);

}
