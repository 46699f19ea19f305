package io.cdp.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecordSerde;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LetterReaderTests {

	private static final TopicCatalog TOPICS = TopicCatalog.defaults();

	private final LetterReader reader = new LetterReader(TOPICS);

	@Test
	void shouldReadADoorRejectWithItsReasonFieldSourceAndMessageId() {
		DeadLetter letter = new DeadLetter("{\"messageId\":\"m-1\",\"event\":\"a\\u0000b\"}",
				"userId or anonymousId is required", "userId", "src_web",
				Instant.parse("2025-03-01T10:15:30.123456789Z"));

		StoredLetter stored = this.reader.read(record(TOPICS.eventsDeadLetter().name(), 7,
				"src_web".getBytes(StandardCharsets.UTF_8), new DeadLetterSerde().serializer().serialize("t", letter)));

		assertThat(stored.kind()).isEqualTo(LetterKind.REJECTED);
		assertThat(stored.stage()).isEqualTo("ingest");
		assertThat(stored.reason()).isEqualTo("invalid-message");
		assertThat(stored.error()).isEqualTo("userId or anonymousId is required");
		assertThat(stored.field()).isEqualTo("userId");
		assertThat(stored.sourceId()).isEqualTo("src_web");
		assertThat(stored.messageId()).isEqualTo("m-1");
		assertThat(stored.topic()).isNull();
		assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).isEqualTo(letter.payload());
		assertThat(stored.occurredAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123456Z"));
		assertThat(stored.letter()).isEqualTo(new StoredLetter.Coordinates(TOPICS.eventsDeadLetter().name(), 0, 7));
	}

	@Test
	void shouldReadAQuarantinedRecordWithItsOriginalBytesAndCoordinates() {
		byte[] value = { (byte) 0xC3, 0x28, 0x00, 'v' };
		QuarantinedRecord quarantined = new QuarantinedRecord("identity.gather", "unreadable", "bad bytes",
				TOPICS.events().name(), 3, 42, new byte[] { 0, 'k' }, value, "src_app", "m-2",
				Instant.parse("2025-03-02T00:00:00Z"));

		StoredLetter stored = this.reader.read(record(TOPICS.quarantine().name(), 1, null,
				new QuarantinedRecordSerde().serializer().serialize("t", quarantined)));

		assertThat(stored.kind()).isEqualTo(LetterKind.QUARANTINED);
		assertThat(stored.stage()).isEqualTo("identity.gather");
		assertThat(stored.reason()).isEqualTo("unreadable");
		assertThat(stored.topic()).isEqualTo(TOPICS.events().name());
		assertThat(stored.partition()).isEqualTo(3);
		assertThat(stored.offset()).isEqualTo(42L);
		assertThat(stored.key()).containsExactly(0, 'k');
		assertThat(stored.payload()).containsExactly(value);
		assertThat(stored.sourceId()).isEqualTo("src_app");
		assertThat(stored.messageId()).isEqualTo("m-2");
	}

	@Test
	void shouldStoreARecordItCannotReadAsItsRawBytes() {
		byte[] junk = { (byte) 0xFF, 0x00, '{' };

		StoredLetter fromQuarantine = this.reader.read(record(TOPICS.quarantine().name(), 5, new byte[] { 1 }, junk));
		StoredLetter fromDeadLetters = this.reader.read(record(TOPICS.eventsDeadLetter().name(), 6, null, null));

		assertThat(fromQuarantine.kind()).isEqualTo(LetterKind.QUARANTINED);
		assertThat(fromQuarantine.stage()).isEqualTo("dead-letter-store");
		assertThat(fromQuarantine.reason()).isEqualTo("unreadable");
		assertThat(fromQuarantine.error()).isNotBlank().doesNotContain("\u0000");
		assertThat(fromQuarantine.payload()).containsExactly(junk);
		assertThat(fromQuarantine.key()).containsExactly(1);
		assertThat(fromQuarantine.topic()).isNull();
		assertThat(fromDeadLetters.kind()).isEqualTo(LetterKind.REJECTED);
		assertThat(fromDeadLetters.reason()).isEqualTo("unreadable");
		assertThat(fromDeadLetters.payload()).isNull();
	}

	@Test
	void shouldKeepTimesPostgreSqlCanHold() {
		assertThat(LetterReader.time(Instant.parse("+1000000000-01-01T00:00:00Z"), 1_000L))
			.isEqualTo(Instant.ofEpochMilli(1_000L));
		assertThat(LetterReader.time(null, Long.MAX_VALUE)).isBefore(Instant.parse("9999-12-31T23:59:59Z"));
	}

	private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, byte[] key, byte[] value) {
		return new ConsumerRecord<>(topic, 0, offset, key, value);
	}

}
