package io.cdp.ingest.deadletter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A dead letter as the writer stores it: one row of {@code ingest.dead_letters}. Every
 * text is already safe for PostgreSQL (no NUL, bounded); key and payload are the bytes as
 * they were.
 *
 * @param kind rejected at the door or quarantined by a stage
 * @param stage the step that gave up ({@code ingest} for door rejects)
 * @param reason a short, stable code (a metric tag and a filter)
 * @param field the field at fault, if one is
 * @param error what went wrong, for a person
 * @param sourceId the source that sent it, if known
 * @param messageId the event's messageId, if known
 * @param topic the topic it was on before (a replay's target), if known
 * @param partition its partition there, or null
 * @param offset its offset there, or null
 * @param key its key bytes, or null
 * @param payload its value bytes, or null
 * @param occurredAt when it was received (rejected) or quarantined
 * @param letter where the dead letter itself is, the key of idempotent storage
 */
record StoredLetter(LetterKind kind, String stage, String reason, @Nullable String field, @Nullable String error,
		@Nullable String sourceId, @Nullable String messageId, @Nullable String topic, @Nullable Integer partition,
		@Nullable Long offset, byte @Nullable [] key, byte @Nullable [] payload, Instant occurredAt,
		Coordinates letter) {

	/**
	 * A record's place on a topic.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 */
	record Coordinates(String topic, int partition, long offset) {

	}

}
