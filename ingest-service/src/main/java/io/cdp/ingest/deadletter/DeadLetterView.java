package io.cdp.ingest.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * A dead letter as the admin API shows it. Key and payload are text when their bytes are
 * valid UTF-8, else base64 with {@code keyBase64} / {@code payloadBase64} set, so that a
 * record that was never text survives the trip into JSON unchanged.
 *
 * @param id the id to show or replay it by
 * @param kind {@code rejected} (at the door) or {@code quarantined} (by a stage)
 * @param stage the step that gave up
 * @param reason the reason code
 * @param field the field at fault, if one is
 * @param error what went wrong, for a person
 * @param sourceId the source, if known
 * @param messageId the messageId, if known
 * @param original where the record was before (the topic a replay writes to), if known
 * @param deadLetter where the dead letter itself is
 * @param occurredAt when it was received (rejected) or quarantined
 * @param storedAt when the store took it
 * @param key the record's key
 * @param keyBase64 whether {@code key} is base64
 * @param payload the message or record value
 * @param payloadBase64 whether {@code payload} is base64
 * @param replay the replay history
 */
record DeadLetterView(long id, String kind, String stage, String reason, @Nullable String field, @Nullable String error,
		@Nullable String sourceId, @Nullable String messageId, @Nullable Place original, Place deadLetter,
		Instant occurredAt, Instant storedAt, @Nullable String key, boolean keyBase64, @Nullable String payload,
		boolean payloadBase64, Replay replay) {

	static DeadLetterView of(DeadLetterRow row) {
		StoredLetter letter = row.letter();
		Place original = (letter.topic() != null) ? new Place(letter.topic(), letter.partition(), letter.offset())
				: null;
		String key = text(letter.key());
		String payload = text(letter.payload());
		return new DeadLetterView(row.id(), letter.kind().wireName(), letter.stage(), letter.reason(), letter.field(),
				letter.error(), letter.sourceId(), letter.messageId(), original,
				new Place(letter.letter().topic(), letter.letter().partition(), letter.letter().offset()),
				letter.occurredAt(), row.storedAt(), (key != null) ? key : base64(letter.key()),
				key == null && letter.key() != null, (payload != null) ? payload : base64(letter.payload()),
				payload == null && letter.payload() != null, new Replay(row.replay().replayedAt(), row.replay().count(),
						row.replay().outcome(), row.replay().detail()));
	}

	/** The bytes as text if they are valid UTF-8, else null. */
	static @Nullable String text(byte @Nullable [] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static @Nullable String base64(byte @Nullable [] bytes) {
		return (bytes != null) ? Base64.getEncoder().encodeToString(bytes) : null;
	}

	/**
	 * A place on a topic.
	 *
	 * @param topic the topic
	 * @param partition the partition, if known
	 * @param offset the offset, if known
	 */
	record Place(String topic, @Nullable Integer partition, @Nullable Long offset) {

	}

	/**
	 * The replay history.
	 *
	 * @param replayedAt the last replay's time, or null
	 * @param count how many replays were tried
	 * @param outcome the last replay's outcome, or null
	 * @param detail what it said
	 */
	record Replay(@Nullable Instant replayedAt, int count, @Nullable String outcome, @Nullable String detail) {

	}

}
