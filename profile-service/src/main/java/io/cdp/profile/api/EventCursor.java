package io.cdp.profile.api;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of history ended: the last event's {@code occurredAt} and message id, the
 * key the history is ordered by. The next page starts strictly after it, so pages neither
 * skip nor repeat events however many arrive meanwhile, and each page is an index range
 * scan rather than an ever-growing {@code OFFSET}.
 *
 * <p>
 * Clients see it as an opaque base64url string. Inside it is
 * {@code <occurredAt ISO-8601> <messageId>}: an instant never contains a space, so the
 * first space separates the two even if a message id contains one.
 *
 * @param occurredAt occurredAt of the last event of the page
 * @param messageId message id of the last event of the page
 */
record EventCursor(Instant occurredAt, String messageId) {

	private static final int MAX_ENCODED_LENGTH = 1024;

	private static final String INVALID = "cursor is not one this API returned as nextCursor";

	/** The opaque form given to clients. */
	String encode() {
		String plain = this.occurredAt + " " + this.messageId;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the opaque form back.
	 * @throws IllegalArgumentException if it is not a cursor this API returned
	 */
	static EventCursor decode(String encoded) {
		if (encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
			throw new IllegalArgumentException(INVALID);
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(INVALID, ex);
		}
		// Strictly: an edited cursor must not turn into some other position by way of
		// replacement characters.
		String plain = ParameterText.utf8(bytes).orElseThrow(() -> new IllegalArgumentException(INVALID));
		int space = plain.indexOf(' ');
		if (space < 0 || space == plain.length() - 1) {
			throw new IllegalArgumentException(INVALID);
		}
		Instant occurredAt;
		try {
			occurredAt = Instant.parse(plain.substring(0, space));
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(INVALID, ex);
		}
		String messageId = plain.substring(space + 1);
		if (!EventQuery.isSearchable(occurredAt) || ParameterText.problem("cursor", messageId) != null) {
			throw new IllegalArgumentException(INVALID);
		}
		return new EventCursor(occurredAt, messageId);
	}

}
