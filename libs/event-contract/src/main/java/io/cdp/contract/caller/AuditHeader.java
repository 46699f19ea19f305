package io.cdp.contract.caller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The profiles an answer of a service is about, in the {@value #NAME} header of the
 * answer: the profile ids, comma-separated. The API gateway records them in its audit of
 * who read whom and removes the header before the answer leaves; only the service knows
 * which profile a lookup by identifier or a merged-away id resolved to. The gateway reads
 * the header from the services' answers only, never from a client's request.
 */
public final class AuditHeader {

	/** The header's name. */
	public static final String NAME = "X-CDP-Audit-Profile";

	/** At most this many profile ids are read from one answer; the rest are ignored. */
	public static final int MAX_PROFILE_IDS = 100;

	/** A profile id longer than this is not one the platform made, and is ignored. */
	public static final int MAX_PROFILE_ID_LENGTH = 128;

	private AuditHeader() {
	}

	/**
	 * The header value naming these profiles.
	 * @param profileIds the profile ids the answer is about
	 * @return the header value
	 */
	public static String write(Collection<String> profileIds) {
		return String.join(",", profileIds);
	}

	/**
	 * The profile ids a header value names: each one once, in order, without blanks,
	 * without ids over {@value #MAX_PROFILE_ID_LENGTH} characters or holding control
	 * characters, and at most {@value #MAX_PROFILE_IDS} of them.
	 * @param value the header value, or null when the answer has none
	 * @return the profile ids, empty when there is no header
	 */
	public static List<String> read(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String part : value.split(",")) {
			String id = part.strip();
			if (!id.isEmpty() && id.length() <= MAX_PROFILE_ID_LENGTH
					&& id.chars().noneMatch(Character::isISOControl)) {
				ids.add(id);
				if (ids.size() == MAX_PROFILE_IDS) {
					break;
				}
			}
		}
		return new ArrayList<>(ids);
	}

}
