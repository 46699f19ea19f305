package io.cdp.bench.result;

import org.jspecify.annotations.Nullable;

/**
 * One line of the main table: a measured figure beside the raw limit it is compared with.
 *
 * @param area what part of the platform: ingest, freshness, lookup, accuracy, memory
 * @param measurement what was measured and how
 * @param value the figure
 * @param unit its unit
 * @param rawLimit the raw limit it is compared with, in words and with its value; empty
 * when it has none
 * @param raw the raw limit's value, in the same unit; null when it has none
 * @param ratio value ÷ raw: for a rate, the share of the raw limit reached; for a
 * latency, how many times the raw latency it takes; null without a raw limit
 */
public record Figure(String area, String measurement, double value, String unit, String rawLimit, @Nullable Double raw,
		@Nullable Double ratio) {

	/**
	 * A figure compared with a raw limit.
	 * @param area the area
	 * @param measurement what was measured
	 * @param value the figure
	 * @param unit its unit
	 * @param rawLimit the raw limit in words
	 * @param raw the raw limit's value, or null when it could not be measured
	 * @return the figure with its ratio
	 */
	public static Figure against(String area, String measurement, double value, String unit, String rawLimit,
			@Nullable Double raw) {
		Double ratio = (raw != null && raw > 0) ? value / raw : null;
		return new Figure(area, measurement, value, unit, rawLimit, raw, ratio);
	}

	/**
	 * A figure without a raw limit.
	 * @param area the area
	 * @param measurement what was measured
	 * @param value the figure
	 * @param unit its unit
	 * @return the figure
	 */
	public static Figure alone(String area, String measurement, double value, String unit) {
		return new Figure(area, measurement, value, unit, "", null, null);
	}

}
