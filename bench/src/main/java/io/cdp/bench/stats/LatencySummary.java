package io.cdp.bench.stats;

import java.util.Collection;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in milliseconds, read from HdrHistogram histograms of
 * nanoseconds. Each figure is within 0.1 % of the recorded value (three significant
 * digits), which is finer than the timer and the network add to a request.
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

	/**
	 * A histogram for one worker's latencies in nanoseconds: not thread-safe, so each
	 * worker records into its own and they are summarised together once the workers have
	 * stopped.
	 * @return an empty histogram that grows to whatever range it is given
	 */
	public static Histogram histogram() {
		return new Histogram(3);
	}

	/**
	 * The distribution of all the latencies several workers recorded.
	 * @param histograms the workers' histograms of nanoseconds
	 * @return count, mean, percentiles and maximum, in milliseconds
	 */
	public static LatencySummary of(Collection<Histogram> histograms) {
		Histogram all = histogram();
		histograms.forEach(all::add);
		if (all.getTotalCount() == 0) {
			return EMPTY;
		}
		return new LatencySummary((int) all.getTotalCount(), millis(all.getMean()),
				millis(all.getValueAtPercentile(50)), millis(all.getValueAtPercentile(95)),
				millis(all.getValueAtPercentile(99)), millis(all.getMaxValue()));
	}

	private static double millis(double nanos) {
		return nanos / 1_000_000.0;
	}

}
