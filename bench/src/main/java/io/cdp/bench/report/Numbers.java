package io.cdp.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How figures are written in the report: readable, with no false precision. */
final class Numbers {

	private Numbers() {
	}

	/**
	 * A figure in its unit: whole numbers with thousands separators for rates and counts,
	 * up to three significant digits for latencies and ratios.
	 */
	static String value(double value, String unit) {
		if (unit.equals("ms") || unit.equals("s")) {
			return significant(value, 3);
		}
		if (unit.isEmpty()) {
			return String.format(Locale.ROOT, "%.4f", value);
		}
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * A number to a few significant digits, without exponent: 0.0123, 1.23, 123, 12,300.
	 */
	static String significant(double value, int digits) {
		if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
			return (value == 0) ? "0" : String.valueOf(value);
		}
		BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits));
		if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
			return String.format(Locale.ROOT, "%,.0f", rounded.doubleValue());
		}
		return rounded.stripTrailingZeros().toPlainString();
	}

}
