package io.cdp.ingest.deadletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.ingest.collect.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters a listing or a replay is about: each component narrows, null means
 * any. Built only through {@link #parse}, which refuses any value that could not have
 * been stored, naming the parameter, so that nothing a client sends reaches PostgreSQL
 * unchecked.
 *
 * @param source the source id
 * @param stage the stage, such as {@code ingest} or {@code identity.gather}
 * @param reason the reason code, such as {@code invalid-message} or {@code unreadable}
 * @param kind rejected or quarantined
 * @param from the earliest time (inclusive) it was received or quarantined
 * @param to the latest time (exclusive)
 */
record DeadLetterFilter(@Nullable String source, @Nullable String stage, @Nullable String reason,
		@Nullable LetterKind kind, @Nullable Instant from, @Nullable Instant to) {

	static final DeadLetterFilter ANY = new DeadLetterFilter(null, null, null, null, null, null);

	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * Reads the filter parameters; blank ones are absent.
	 * @param prefix what the parameter names are prefixed with in problems, such as
	 * {@code filter.} in a replay body
	 * @throws InvalidRequestException naming the first bad parameter
	 */
	static DeadLetterFilter parse(String prefix, @Nullable String source, @Nullable String stage,
			@Nullable String reason, @Nullable String kind, @Nullable String from, @Nullable String to) {
		LetterKind parsedKind = null;
		String kindText = text(prefix + "kind", kind, 20);
		if (kindText != null) {
			parsedKind = LetterKind.fromWireName(kindText.toLowerCase(Locale.ROOT));
			if (parsedKind == null) {
				throw new InvalidRequestException(prefix + "kind", prefix + "kind must be rejected or quarantined");
			}
		}
		Instant parsedFrom = instant(prefix + "from", from);
		Instant parsedTo = instant(prefix + "to", to);
		if (parsedFrom != null && parsedTo != null && !parsedFrom.isBefore(parsedTo)) {
			throw new InvalidRequestException(prefix + "to", prefix + "to must be after " + prefix + "from");
		}
		return new DeadLetterFilter(text(prefix + "source", source, LetterReader.MAX_ID_LENGTH),
				text(prefix + "stage", stage, LetterReader.MAX_CODE_LENGTH),
				text(prefix + "reason", reason, LetterReader.MAX_CODE_LENGTH), parsedKind, parsedFrom, parsedTo);
	}

	/**
	 * A text filter: at most {@code maxLength} characters, none of them a control
	 * character or half a surrogate pair (stored texts have none, and PostgreSQL refuses
	 * NUL).
	 */
	static @Nullable String text(String name, @Nullable String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > maxLength || !QuarantinedRecord.safeText(stripped, maxLength).equals(stripped)
				|| stripped.indexOf('\uFFFD') >= 0) {
			throw new InvalidRequestException(name,
					name + " must be at most " + maxLength + " characters, without control characters");
		}
		return stripped;
	}

	/** An ISO-8601 instant with an offset, within 1970 to 9999. */
	static @Nullable Instant instant(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String problem = name + " must be an ISO-8601 date-time with an offset between 1970 and 9999, such as "
				+ "2025-03-01T10:15:30Z";
		if (value.length() > 64) {
			throw new InvalidRequestException(name, problem);
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException(name, problem);
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new InvalidRequestException(name, problem);
		}
		return instant;
	}

}
