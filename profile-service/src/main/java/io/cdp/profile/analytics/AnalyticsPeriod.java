package io.cdp.profile.analytics;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cdp.profile.api.InvalidParameterException;
import io.cdp.profile.api.ParameterText;
import org.jspecify.annotations.Nullable;

/**
 * The period an analytics answer covers, from its query parameters: {@code from}
 * (inclusive) and {@code to} (exclusive), each a date ({@code 2026-01-31}, midnight UTC)
 * or an instant ({@code 2026-01-31T12:00:00Z}); by default the 30 days up to now. Its
 * buckets are days, weeks (from Monday) or months, in UTC.
 *
 * @param from the start, inclusive
 * @param to the end, exclusive
 * @param interval the bucket size
 */
record AnalyticsPeriod(Instant from, Instant to, Interval interval) {

	/** The longest period one answer covers. */
	static final Duration LONGEST = Duration.ofDays(3 * 366);

	static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

	/** Bucket sizes, by their PostgreSQL {@code date_trunc} field. */
	enum Interval {

		DAY, WEEK, MONTH;

		String field() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Reads and checks the parameters, naming every wrong one.
	 * @throws InvalidParameterException naming each parameter that is wrong
	 */
	static AnalyticsPeriod of(@Nullable String from, @Nullable String to, @Nullable String interval, Instant now) {
		Map<String, String> errors = new LinkedHashMap<>();
		Instant end = (to != null) ? instant("to", to, errors) : now;
		Instant start = (from != null) ? instant("from", from, errors)
				: (end != null) ? end.minus(DEFAULT_LENGTH) : null;
		Interval bucket = Interval.DAY;
		if (interval != null) {
			try {
				bucket = Interval.valueOf(interval.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.put("interval", "interval must be day, week or month");
			}
		}
		if (start != null && end != null && errors.isEmpty()) {
			if (!start.isBefore(end)) {
				errors.put("from", "from must be before to");
			}
			else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
				errors.put("from", "the period from from to to must not be longer than 3 years");
			}
		}
		if (!errors.isEmpty() || start == null || end == null) {
			throw new InvalidParameterException(errors);
		}
		return new AnalyticsPeriod(start, end, bucket);
	}

	/** The period of the same length just before this one. */
	AnalyticsPeriod previous() {
		Duration length = Duration.between(this.from, this.to);
		return new AnalyticsPeriod(this.from.minus(length), this.from, this.interval);
	}

	/**
	 * Reads a time zone parameter: an IANA name such as {@code Europe/Paris}, or UTC.
	 * @throws InvalidParameterException naming the parameter
	 */
	static ZoneId zone(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return ZoneOffset.UTC;
		}
		ParameterText.require(parameter, value);
		if (value.length() > 64) {
			throw new InvalidParameterException(parameter, parameter + " must be a time zone such as Europe/Paris");
		}
		try {
			return ZoneId.of(value.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidParameterException(parameter,
					parameter + " must be a time zone such as Europe/Paris, not '" + value.strip() + "'");
		}
	}

	private static @Nullable Instant instant(String parameter, String value, Map<String, String> errors) {
		String problem = ParameterText.problem(parameter, value);
		if (problem != null) {
			errors.put(parameter, problem);
			return null;
		}
		String text = value.strip();
		if (text.length() > 40) {
			errors.put(parameter, parameter + " must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z)");
			return null;
		}
		try {
			Instant instant = (text.length() == 10) ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(text);
			if (instant.isBefore(Instant.parse("1970-01-01T00:00:00Z"))
					|| instant.isAfter(Instant.parse("9000-01-01T00:00:00Z"))) {
				errors.put(parameter, parameter + " must be between the years 1970 and 9000");
				return null;
			}
			return instant.truncatedTo(ChronoUnit.MILLIS);
		}
		catch (DateTimeParseException ex) {
			errors.put(parameter, parameter + " must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z)");
			return null;
		}
	}

}
