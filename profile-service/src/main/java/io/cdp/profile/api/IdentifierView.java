package io.cdp.profile.api;

import java.time.Instant;
import java.util.List;

/**
 * One identifier of a person, in its normalised form.
 *
 * @param type identifier type ({@code email}, {@code phone}, {@code user_id}, ...)
 * @param value normalised value ({@code jane@example.com}, {@code +14155550100})
 * @param firstSeen occurredAt of its first event
 * @param lastSeen occurredAt of its latest event
 * @param sources ids of the sources that sent it, sorted
 */
record IdentifierView(String type, String value, Instant firstSeen, Instant lastSeen, List<String> sources) {

	IdentifierView {
		sources = List.copyOf(sources);
	}

}
