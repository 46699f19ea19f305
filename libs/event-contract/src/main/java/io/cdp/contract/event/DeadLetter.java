package io.cdp.contract.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An input the platform could not turn into a {@link CustomerEvent}, kept on
 * {@code cdp.events.dlq.v1} with the reason so that it can be inspected, fixed and
 * replayed instead of being lost.
 *
 * <p>
 * The payload is text, not bytes: every input is JSON (an HTTP body or a JSON Kafka
 * record), and text stays readable on the topic. Bytes that are not valid UTF-8 are
 * decoded with replacement characters by {@link #fromBytes}; such input could not be
 * replayed anyway.
 *
 * @param payload the input as received
 * @param reason why it was refused, for a person to read; never empty
 * @param field the JSON path of the offending field (for example
 * {@code identifiers[0].value}), or null if the failure is not about one field
 * @param sourceId the source that sent it, or null if it is no longer known (a corrupt
 * Kafka record read by a stream processor)
 * @param receivedAt when the platform received the input
 */
public record DeadLetter(String payload, String reason, @Nullable String field, @Nullable String sourceId,
		Instant receivedAt) {

	/**
	 * Checks the required components.
	 * @throws NullPointerException if payload, reason or receivedAt is null
	 * @throws IllegalArgumentException if the reason is blank
	 */
	public DeadLetter {
		Objects.requireNonNull(payload, "payload must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		if (reason.isBlank()) {
			throw new IllegalArgumentException("reason must not be blank");
		}
	}

	/**
	 * Builds a dead letter from raw record bytes, as a deserialisation error handler has
	 * them.
	 * @param payload the bytes; null (a tombstone) becomes an empty payload
	 * @param reason why it was refused
	 * @param field the offending field, or null
	 * @param sourceId the source, or null
	 * @param receivedAt when it was received
	 * @return the dead letter
	 */
	public static DeadLetter fromBytes(byte @Nullable [] payload, String reason, @Nullable String field,
			@Nullable String sourceId, Instant receivedAt) {
		String text = (payload != null) ? new String(payload, StandardCharsets.UTF_8) : "";
		return new DeadLetter(text, reason, field, sourceId, receivedAt);
	}

}
