package io.cdp.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.ingest.deadletter.StoredLetter.Coordinates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a record of the dead-letter or the quarantine topic into a row. Never fails: a
 * record that cannot be read as its contract says is stored as it is, raw bytes and all,
 * with the reason {@code unreadable}, so that one bad record never stops the store.
 */
final class LetterReader {

	/** The stage of door rejects. */
	static final String INGEST_STAGE = "ingest";

	/** The reason code of door rejects; the reader's own words are the error text. */
	static final String INVALID_MESSAGE = "invalid-message";

	/** The stage of records the store itself could not read. */
	static final String STORE_STAGE = "dead-letter-store";

	static final int MAX_CODE_LENGTH = 100;

	static final int MAX_FIELD_LENGTH = 500;

	static final int MAX_ID_LENGTH = 200;

	/** PostgreSQL's timestamptz goes further, but nothing real is outside these years. */
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final Deserializer<DeadLetter> deadLetters;

	private final Deserializer<QuarantinedRecord> quarantined;

	private final String deadLetterTopic;

	LetterReader(TopicCatalog topics) {
		this.deadLetterTopic = topics.eventsDeadLetter().name();
		this.deadLetters = topics.eventsDeadLetter().valueSerde().deserializer();
		this.quarantined = topics.quarantine().valueSerde().deserializer();
	}

	StoredLetter read(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
		Coordinates letter = new Coordinates(record.topic(), record.partition(), record.offset());
		boolean rejected = record.topic().equals(this.deadLetterTopic);
		try {
			if (record.value() == null) {
				throw new IllegalArgumentException("the record has no value");
			}
			return rejected ? rejected(record, letter) : quarantined(record, letter);
		}
		catch (RuntimeException ex) {
			return new StoredLetter(rejected ? LetterKind.REJECTED : LetterKind.QUARANTINED, STORE_STAGE,
					QuarantinedRecord.Reasons.UNREADABLE, null,
					QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), QuarantinedRecord.MAX_ERROR_LENGTH),
					null, null, null, null, null, record.key(), record.value(), time(null, record.timestamp()), letter);
		}
	}

	private StoredLetter rejected(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, Coordinates letter) {
		DeadLetter dead = this.deadLetters.deserialize(record.topic(), record.value());
		if (dead == null) {
			throw new IllegalArgumentException("the record has no value");
		}
		// The door keeps the message as text; its UTF-8 bytes are what a replay reads.
		byte[] payload = dead.payload().getBytes(StandardCharsets.UTF_8);
		return new StoredLetter(LetterKind.REJECTED, INGEST_STAGE, INVALID_MESSAGE,
				safe(dead.field(), MAX_FIELD_LENGTH),
				QuarantinedRecord.safeText(dead.reason(), QuarantinedRecord.MAX_ERROR_LENGTH),
				safe(dead.sourceId(), MAX_ID_LENGTH), messageIdIn(dead.payload()), null, null, null, record.key(),
				payload, time(dead.receivedAt(), record.timestamp()), letter);
	}

	private StoredLetter quarantined(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, Coordinates letter) {
		QuarantinedRecord quarantined = this.quarantined.deserialize(record.topic(), record.value());
		if (quarantined == null) {
			throw new IllegalArgumentException("the record has no value");
		}
		return new StoredLetter(LetterKind.QUARANTINED, code(quarantined.stage()), code(quarantined.reason()), null,
				quarantined.error(), quarantined.sourceId(), quarantined.messageId(), quarantined.topic(),
				(quarantined.partition() >= 0) ? quarantined.partition() : null,
				(quarantined.offset() >= 0) ? quarantined.offset() : null, quarantined.key(), quarantined.value(),
				time(quarantined.quarantinedAt(), record.timestamp()), letter);
	}

	/** The top-level {@code messageId} of a JSON message, when it has one. */
	static @Nullable String messageIdIn(String payload) {
		try {
			JsonNode message = ContractJson.mapper().readTree(payload);
			JsonNode messageId = (message != null && message.isObject()) ? message.get("messageId") : null;
			return (messageId != null && messageId.isString() && !messageId.stringValue().isBlank())
					? safe(messageId.stringValue(), MAX_ID_LENGTH) : null;
		}
		catch (RuntimeException ex) {
			// Not JSON: a message the door could not even parse has no id to tell.
			return null;
		}
	}

	private static String code(String code) {
		return QuarantinedRecord.safeText(code, MAX_CODE_LENGTH);
	}

	private static @Nullable String safe(@Nullable String text, int maxLength) {
		return (text != null) ? QuarantinedRecord.safeText(text, maxLength) : null;
	}

	/**
	 * The letter's time at a precision and in a range PostgreSQL keeps exactly (a cursor
	 * compares it), else the record's own timestamp.
	 */
	static Instant time(@Nullable Instant stated, long recordTimestamp) {
		if (stated != null && inRange(stated)) {
			return stated.truncatedTo(ChronoUnit.MICROS);
		}
		Instant fallback = (recordTimestamp >= 0) ? Instant.ofEpochMilli(recordTimestamp) : Instant.now();
		return (inRange(fallback) ? fallback : Instant.now()).truncatedTo(ChronoUnit.MICROS);
	}

	private static boolean inRange(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

}
