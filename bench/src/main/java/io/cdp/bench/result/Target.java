package io.cdp.bench.result;

import org.jspecify.annotations.Nullable;

/**
 * One of the project's performance targets, with the figure it is judged on, the raw
 * limit of the same run that figure is compared with, and whether it was met.
 *
 * @param target what the target is about, such as "identity topology vs a plain Kafka
 * Streams aggregate"
 * @param measurement the figure, in words
 * @param value the figure; null when it could not be measured
 * @param unit its unit
 * @param rawLimit the raw limit, in words with its value; empty when it has none
 * @param raw the raw limit's value; null when it has none or it was not measured
 * @param ratio value ÷ raw; null without both
 * @param goal the target, in words: "≥ 10,000 events/s", "ratio ≥ 0.50", "≤ 1 ms"
 * @param met whether the figure meets it; null when it could not be judged
 */
public record Target(String target, String measurement, @Nullable Double value, String unit, String rawLimit,
		@Nullable Double raw, @Nullable Double ratio, String goal, @Nullable Boolean met) {

	/** What a target is judged on. */
	public enum Judged {

		/** The figure itself must be at least the threshold. */
		VALUE_AT_LEAST,

		/** The figure itself must be at most the threshold. */
		VALUE_AT_MOST,

		/** The figure ÷ its raw limit must be at least the threshold. */
		RATIO_AT_LEAST

	}

	/**
	 * A target judged against a threshold.
	 * @param target what it is about
	 * @param measurement the figure, in words
	 * @param value the figure, or null when not measured
	 * @param unit its unit
	 * @param rawLimit the raw limit in words, empty when none
	 * @param raw the raw limit, or null
	 * @param judged what must meet the threshold
	 * @param threshold the threshold
	 * @param goal the target in words
	 * @return the target, judged
	 */
	public static Target judge(String target, String measurement, @Nullable Double value, String unit, String rawLimit,
			@Nullable Double raw, Judged judged, double threshold, String goal) {
		Double ratio = (value != null && raw != null && raw > 0) ? value / raw : null;
		Boolean met = switch (judged) {
			case VALUE_AT_LEAST -> (value != null) ? value >= threshold : null;
			case VALUE_AT_MOST -> (value != null) ? value <= threshold : null;
			case RATIO_AT_LEAST -> (ratio != null) ? ratio >= threshold : null;
		};
		return new Target(target, measurement, value, unit, rawLimit, raw, ratio, goal, met);
	}

}
