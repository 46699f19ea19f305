package io.cdp.bench.stats;

/**
 * A latency distribution in milliseconds, percentiles by nearest rank.
 *
 * @param count how many samples
 * @param meanMillis the mean
 * @param p50Millis the median
 * @param p95Millis the 95th percentile
 * @param p99Millis the 99th percentile
 * @param maxMillis the largest sample
 */
public record LatencySummary(int count, double meanMillis, double p50Millis, double p95Millis, double p99Millis,
		double maxMillis) {

	/** The summary of no samples at all. */
	public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

}
