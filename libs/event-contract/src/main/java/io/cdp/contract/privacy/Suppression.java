package io.cdp.contract.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * An identifier whose events the platform drops, on the compacted topic
 * {@code cdp.suppressions.v1} keyed by {@link #identifierHash}: ingest drops them before
 * Kafka, and the identity topology drops those already on the events topic (a replay, a
 * late event). A tombstone lifts the suppression. The identifier itself is never on the
 * topic, only its {@link IdentifierHash}.
 *
 * @param identifierHash the identifier's hash
 * @param requestId the privacy request that suppressed it
 * @param suppressedAt when it was suppressed
 */
public record Suppression(String identifierHash, String requestId, Instant suppressedAt) {

	/** Checks the required components. */
	public Suppression {
		Objects.requireNonNull(identifierHash, "identifierHash must not be null");
		Objects.requireNonNull(requestId, "requestId must not be null");
		Objects.requireNonNull(suppressedAt, "suppressedAt must not be null");
	}

}
