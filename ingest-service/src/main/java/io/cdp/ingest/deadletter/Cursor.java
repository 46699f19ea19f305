package io.cdp.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.ingest.collect.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Where the next page of a listing starts: after the letter with this time and id, in
 * newest-first order. Opaque to clients (base64url text); anything that is not a cursor
 * this service wrote is refused with a 400 naming {@code cursor}.
 *
 * @param occurredAt the last listed letter's time
 * @param id the last listed letter's id
 */
record Cursor(Instant occurredAt, long id) {

	private static final Pattern FORM = Pattern.compile("v1:(-?\\d{1,18}):(\\d{1,18})");

	private static final long EARLIEST_MICROS = -62135596800L * 1_000_000L;

	private static final long LATEST_MICROS = 253402300799L * 1_000_000L;

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.occurredAt);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("v1:" + micros + ":" + this.id).getBytes(StandardCharsets.US_ASCII));
	}

	static @Nullable Cursor decode(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			if (text.length() > 80) {
				throw new IllegalArgumentException("too long");
			}
			String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
			Matcher matcher = FORM.matcher(decoded);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("not a cursor");
			}
			long micros = Long.parseLong(matcher.group(1));
			if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
				throw new IllegalArgumentException("out of range");
			}
			return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(matcher.group(2)));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("cursor", "cursor must be the nextCursor of an earlier page, unchanged");
		}
	}

}
