package io.cdp.bench.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * Every latency one worker measured, in nanoseconds, kept whole rather than bucketed: a
 * benchmark run records at most a few million, and exact percentiles need no histogram
 * resolution argument. Not thread-safe: each worker keeps its own, and they are merged
 * once the workers have stopped.
 */
public final class LatencySamples {

	private long[] nanos = new long[1024];

	private int size;

	/**
	 * Records one latency.
	 * @param latencyNanos the latency in nanoseconds, not negative
	 */
	public void record(long latencyNanos) {
		if (latencyNanos < 0) {
			throw new IllegalArgumentException("a latency cannot be negative: " + latencyNanos);
		}
		if (this.size == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.size * 2);
		}
		this.nanos[this.size++] = latencyNanos;
	}

	/**
	 * How many latencies were recorded.
	 * @return the count
	 */
	public int count() {
		return this.size;
	}

	/**
	 * All samples of several workers together.
	 * @param parts the workers' samples
	 * @return the union
	 */
	public static LatencySamples merge(Collection<LatencySamples> parts) {
		LatencySamples merged = new LatencySamples();
		int total = parts.stream().mapToInt(LatencySamples::count).sum();
		merged.nanos = new long[Math.max(1, total)];
		for (LatencySamples part : parts) {
			System.arraycopy(part.nanos, 0, merged.nanos, merged.size, part.size);
			merged.size += part.size;
		}
		return merged;
	}

	/**
	 * The distribution of what was recorded.
	 * @return count, mean, percentiles and maximum, in milliseconds
	 */
	public LatencySummary summary() {
		if (this.size == 0) {
			return LatencySummary.EMPTY;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.size);
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0);
		return new LatencySummary(this.size, millis(mean), millis(percentile(sorted, 50)),
				millis(percentile(sorted, 95)), millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
	}

	/**
	 * The nearest-rank percentile: the smallest sample that at least {@code p} percent of
	 * the samples are less than or equal to. Always one of the samples, never an
	 * interpolation between two.
	 * @param sorted the samples in ascending order, at least one
	 * @param p the percentile, above 0 and at most 100
	 * @return the sample at that rank
	 */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			throw new IllegalArgumentException("no samples");
		}
		if (p <= 0 || p > 100) {
			throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(1, rank) - 1];
	}

	private static double millis(double nanos) {
		return nanos / 1_000_000.0;
	}

}
