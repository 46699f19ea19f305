package io.cdp.ingest.collect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import org.jspecify.annotations.Nullable;

/**
 * Reads the ISO-8601 date-times of the tracking API: what
 * {@link DateTimeFormatter#ISO_DATE_TIME} accepts, with an offset, or without one as UTC.
 *
 * <p>
 * The forms the SDKs send ({@code 2024-05-01T12:30:00.123Z},
 * {@code 2024-05-01T12:30:00+02:00}, {@code 2024-05-01T12:30:00}) are read by hand: a
 * four-digit year, an upper-case {@code T}, seconds with none or one to nine decimals,
 * and {@code Z} or an offset of hours and minutes or none. The formatter took a tenth of
 * the ingest-service's CPU for them. Every other text goes to the formatter as before, so
 * that each text gives the same instant, or the same refusal, either way: the hand-read
 * path checks every field's range as the formatter's strict resolver does and hands over
 * whatever it does not read in full.
 */
final class IsoDateTime {

	private static final int[] NANO_SCALE = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10,
			1 };

	private static final int MAX_OFFSET_HOURS = 18;

	private IsoDateTime() {
	}

	/**
	 * Parses a date-time.
	 * @param text the text
	 * @return the instant; a time without an offset is read as UTC
	 * @throws DateTimeParseException if the text is not such a date-time
	 */
	static Instant parse(String text) {
		Instant instant = common(text);
		return (instant != null) ? instant : withFormatter(text);
	}

	/** The general path: the JDK's formatter. */
	static Instant withFormatter(String text) {
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
				LocalDateTime::from);
		return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
				: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
	}

	/**
	 * Reads {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:mm]}.
	 * @return the instant, or null when the text has another form or a field out of
	 * range, for the formatter to read or refuse
	 */
	static @Nullable Instant common(String text) {
		int length = text.length();
		if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		if (position < length && text.charAt(position) == '.') {
			int start = ++position;
			while (position < length && position - start < 10 && isDigit(text.charAt(position))) {
				position++;
			}
			int count = position - start;
			if (count == 0 || count > 9) {
				return null;
			}
			nanos = digits(text, start, count) * NANO_SCALE[count];
		}
		int offsetSeconds;
		if (position == length) {
			offsetSeconds = 0;
		}
		else if (text.charAt(position) == 'Z' && position + 1 == length) {
			offsetSeconds = 0;
		}
		else if (position + 6 == length && (text.charAt(position) == '+' || text.charAt(position) == '-')
				&& text.charAt(position + 3) == ':') {
			int offsetHours = digits(text, position + 1, 2);
			int offsetMinutes = digits(text, position + 4, 2);
			if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > MAX_OFFSET_HOURS
					|| (offsetHours == MAX_OFFSET_HOURS && offsetMinutes > 0)) {
				return null;
			}
			offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * ((text.charAt(position) == '-') ? -1 : 1);
		}
		else {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			// Such as the 30th of February: the formatter refuses it with its own words.
			return null;
		}
		long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
		return Instant.ofEpochSecond(seconds, nanos);
	}

	/** The value of {@code count} ASCII digits, or -1 if one is not a digit. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int index = from; index < from + count; index++) {
			char c = text.charAt(index);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
