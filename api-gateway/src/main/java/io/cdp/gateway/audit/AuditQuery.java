package io.cdp.gateway.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /v1/admin/audit} asks for: the rows of a profile, of an API key's name,
 * or both, optionally within {@code [from, to)}, newest first, a page at a time.
 *
 * @param profileId only rows about this profile
 * @param keyName only rows of this API key's name
 * @param from only rows at or after this instant
 * @param to only rows before this instant
 * @param limit the page size
 * @param after where the page starts, from the previous page's cursor
 */
record AuditQuery(@Nullable String profileId, @Nullable String keyName, @Nullable Instant from, @Nullable Instant to,
		int limit, @Nullable AuditCursor after) {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 1000;

	private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/**
	 * Reads the parameters; every invalid one is named in one 400
	 * {@code invalid-parameter} problem.
	 */
	static AuditQuery parse(@Nullable String profileId, @Nullable String key, @Nullable String from,
			@Nullable String to, @Nullable String limit, @Nullable String cursor) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (profileId == null && key == null) {
			errors.put("profileId", "profileId or key is required");
			errors.put("key", "key or profileId is required");
		}
		if (profileId != null && (profileId.isEmpty() || profileId.length() > AuditedRequests.MAX_ID_LENGTH
				|| profileId.chars().anyMatch(Character::isISOControl))) {
			errors.put("profileId", "profileId must be 1 to " + AuditedRequests.MAX_ID_LENGTH
					+ " characters, without control characters");
		}
		if (key != null && !KEY_NAME.matcher(key).matches()) {
			errors.put("key", "key must be an API key's name: 1 to 64 letters, digits, dots, dashes or underscores");
		}
		Instant fromInstant = instant("from", from, errors);
		Instant toInstant = instant("to", to, errors);
		if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
			errors.put("to", "to must be after from");
		}
		int pageSize = limit(limit, errors);
		AuditCursor after = null;
		if (cursor != null) {
			Optional<AuditCursor> decoded = AuditCursor.decode(cursor);
			if (decoded.isEmpty()) {
				errors.put("cursor", "cursor must be the nextCursor of an earlier page, unchanged");
			}
			else {
				after = decoded.get();
			}
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER,
					"Invalid parameters: " + String.join(", ", errors.keySet()))
				.withErrors(errors);
		}
		return new AuditQuery(profileId, key, fromInstant, toInstant, pageSize, after);
	}

	private static @Nullable Instant instant(String name, @Nullable String value, Map<String, String> errors) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.put(name, name + " must be an ISO-8601 date-time with an offset, such as 2026-12-01T00:00:00Z");
			return null;
		}
	}

	private static int limit(@Nullable String value, Map<String, String> errors) {
		if (value == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= MAX_LIMIT) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, as for a number out of range.
		}
		errors.put("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
		return DEFAULT_LIMIT;
	}

}
