package io.cdp.profile.identity;

import java.util.Objects;

/**
 * A record on the events topic that is not a readable event (corrupt bytes, another
 * schema version). The events source reads it as this instead of failing, so that the
 * gather step can put it on the dead-letter topic with its reason: nothing that was
 * accepted upstream is silently skipped, and one bad record does not stop the topology.
 *
 * @param payload the record's bytes as text
 * @param reason why it could not be read
 */
record UnreadableEvent(String payload, String reason) {

	UnreadableEvent {
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
	}

}
