package io.cdp.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of the audit starts: after the row with this time and id, newest
 * first. Opaque to clients (base64url text, as the dead-letter listing's cursor).
 *
 * @param at the last listed row's time
 * @param id the last listed row's id
 */
record AuditCursor(Instant at, long id) {

	private static final Pattern FORM = Pattern.compile("v1:(-?\\d{1,18}):(\\d{1,18})");

	private static final int MAX_LENGTH = 80;

	private static final long EARLIEST_MICROS = -62135596800L * 1_000_000L;

	private static final long LATEST_MICROS = 253402300799L * 1_000_000L;

	/** The cursor after this row. */
	static AuditCursor after(AuditRow row) {
		return new AuditCursor(row.at(), row.id());
	}

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.at);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("v1:" + micros + ":" + this.id).getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor this text encodes, or empty when it is not one the gateway wrote. */
	static Optional<AuditCursor> decode(String text) {
		if (text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII);
			Matcher matcher = FORM.matcher(decoded);
			if (!matcher.matches()) {
				return Optional.empty();
			}
			long micros = Long.parseLong(matcher.group(1));
			if (micros < EARLIEST_MICROS || micros > LATEST_MICROS) {
				return Optional.empty();
			}
			return Optional
				.of(new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(matcher.group(2))));
		}
		catch (IllegalArgumentException ex) {
			// Not base64url, or a number out of range: not a cursor of ours.
			return Optional.empty();
		}
	}

}
