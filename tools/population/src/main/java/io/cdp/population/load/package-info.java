/**
 * Sends a population to a running platform through its public API: the demo's source and
 * API keys, the messages in {@code /v1/batch} requests of a hundred, and a wait until the
 * profile API shows a person's whole journey.
 */
@NullMarked
package io.cdp.population.load;

import org.jspecify.annotations.NullMarked;
