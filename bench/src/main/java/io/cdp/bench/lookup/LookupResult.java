package io.cdp.bench.lookup;

import io.cdp.bench.http.ClosedLoop.LoopResult;

/**
 * One profile API latency measurement.
 *
 * @param endpoint {@code lookup} or {@code events}
 * @param route {@code direct} to the profile-service or through the {@code gateway}
 * @param concurrency requests in flight
 * @param load what the measured window saw; its units are successful reads
 */
public record LookupResult(String endpoint, String route, int concurrency, LoopResult load) {

}
