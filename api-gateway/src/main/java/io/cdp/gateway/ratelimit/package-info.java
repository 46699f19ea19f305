/**
 * Rate limits: a token bucket per API key, and one per write key on the ingest paths with
 * a higher default, held in Redis when one is configured (shared by every instance) and
 * else in this instance's memory. A refused request gets a 429 problem with
 * {@code Retry-After}; every limited request carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}.
 */
@NullMarked
package io.cdp.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
