/**
 * Profile API latency: closed-loop readers of {@code /v1/profiles/lookup} and
 * {@code /v1/profiles/{id}/events} over the population's identifiers and profiles,
 * directly with a signed caller header and through the gateway with an API key.
 */
@NullMarked
package io.cdp.bench.lookup;

import org.jspecify.annotations.NullMarked;
