package io.cdp.bench.ingest;

import io.cdp.bench.http.ClosedLoop.LoopResult;

/**
 * One ingest throughput measurement.
 *
 * @param endpoint {@code batch} ({@value ThroughputRun#BATCH_SIZE} events a request) or
 * {@code track} (one)
 * @param route {@code direct} to the ingest-service or through the {@code gateway}
 * @param concurrency requests in flight
 * @param load what the measured window saw; its units are accepted events
 */
public record ThroughputResult(String endpoint, String route, int concurrency, LoopResult load) {

	/**
	 * Accepted events a second.
	 * @return the rate
	 */
	public double eventsPerSecond() {
		return this.load.unitsPerSecond();
	}

}
