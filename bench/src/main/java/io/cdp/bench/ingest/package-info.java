/**
 * Ingest throughput: closed-loop workers posting the population's events with fresh
 * message ids to {@code /v1/batch} and {@code /v1/track}, directly and through the
 * gateway, counting only what the platform accepted.
 */
@NullMarked
package io.cdp.bench.ingest;

import org.jspecify.annotations.NullMarked;
