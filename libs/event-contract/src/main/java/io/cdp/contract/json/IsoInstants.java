package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;

import org.jspecify.annotations.Nullable;

/**
 * The contract's one time format, {@code 2025-01-31T09:30:00.123Z} (what
 * {@link Instant#toString()} writes and
 * {@link java.time.format.DateTimeFormatter#ISO_INSTANT} reads), written and read without
 * a {@code DateTimeFormatter}. Every record of the pipeline carries several times and the
 * formatter is built and run field by field for each, which made times the largest single
 * cost of reading and writing records. Only the canonical form is handled here: UTC,
 * four-digit years, an upper-case {@code T} and {@code Z}, a fraction of one to nine
 * digits. Anything else (an offset, a lower-case letter, a leap second, a year past 9999)
 * is left to the full formatter, which reads and writes it as before.
 */
public final class IsoInstants {

	/** {@code 0000-01-01T00:00:00Z}: the first instant with a four-digit year. */
	private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;

	/** {@code 10000-01-01T00:00:00Z}: the first instant with a five-digit year. */
	private static final long END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

	private static final int[] SCALE = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1 };

	private IsoInstants() {
	}

	/**
	 * Writes an instant exactly as {@link Instant#toString()} does.
	 * @param instant the instant
	 * @return its text
	 */
	public static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
			return instant.toString();
		}
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
		int ofDay = (int) Math.floorMod(seconds, 86_400L);
		int nanos = instant.getNano();
		int digits = (nanos == 0) ? 0 : (nanos % 1_000_000 == 0) ? 3 : (nanos % 1_000 == 0) ? 6 : 9;
		byte[] text = new byte[20 + ((digits > 0) ? digits + 1 : 0)];
		put(text, 0, date.getYear(), 4);
		text[4] = '-';
		put(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		put(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		put(text, 11, ofDay / 3600, 2);
		text[13] = ':';
		put(text, 14, (ofDay / 60) % 60, 2);
		text[16] = ':';
		put(text, 17, ofDay % 60, 2);
		int end = 19;
		if (digits > 0) {
			text[end++] = '.';
			put(text, end, nanos / SCALE[digits], digits);
			end += digits;
		}
		text[end] = 'Z';
		return new String(text, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads an instant in the canonical form.
	 * @param text the text
	 * @return the instant, or null when the text is not in the canonical form (which the
	 * full formatter may still read, or refuse)
	 */
	public static @Nullable Instant parse(CharSequence text) {
		int length = text.length();
		if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 2);
		int day = number(text, 8, 2);
		int hour = number(text, 11, 2);
		int minute = number(text, 14, 2);
		int second = number(text, 17, 2);
		int nanos = 0;
		if (length > 20) {
			int digits = length - 21;
			int fraction = (text.charAt(19) == '.') ? number(text, 20, digits) : -1;
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * SCALE[digits];
		}
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59 || day > lengthOfMonth(year, month)) {
			return null;
		}
		long days = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
	}

	private static int lengthOfMonth(int year, int month) {
		return switch (month) {
			case 2 -> Year.isLeap(year) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** The decimal number of the digits at [from, from + count), or -1 if one is not. */
	private static int number(CharSequence text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static void put(byte[] text, int from, int value, int count) {
		int rest = value;
		for (int i = from + count - 1; i >= from; i--) {
			text[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
	}

}
