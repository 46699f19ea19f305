package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompactRecordSerdeTests {

	record Note(String author, Instant at, Map<String, Object> fields, List<String> tags) {
	}

	private final CompactRecordSerde<Note> serde = new CompactRecordSerde<>(Note.class);

	private final Note note = new Note("anna", Instant.parse("2026-03-01T09:00:00.123Z"),
			Map.of("plan", "pro", "seats", 12, "nested", Map.of("ok", true)), List.of("a", "b"));

	@Test
	void shouldWriteSmileSmallerThanJsonAndReadItBack() {
		byte[] bytes = this.serde.serializer().serialize("t", this.note);

		assertThat(CompactRecordSerde.isSmile(bytes)).isTrue();
		assertThat(bytes.length).isLessThan(RoundTripJson.write(this.note).length);
		assertThat(this.serde.deserializer().deserialize("t", bytes)).isEqualTo(this.note);
	}

	@Test
	void shouldReadRecordsWrittenAsJsonBefore() {
		byte[] json = RoundTripJson.write(this.note);

		assertThat(this.serde.deserializer().deserialize("t", json)).isEqualTo(this.note);
	}

	@Test
	void shouldWriteTextSmileCannotEncodeAsRepairedJsonAndReadItBack() {
		Note broken = new Note("half \uD83D emoji", this.note.at(), Map.of("\uDE00key", "value \uD83D"), List.of());

		byte[] bytes = this.serde.serializer().serialize("t", broken);

		assertThat(CompactRecordSerde.isSmile(bytes)).isFalse();
		Note read = this.serde.deserializer().deserialize("t", bytes);
		assertThat(read.author()).isEqualTo("half \uFFFD emoji");
		assertThat(read.fields()).containsEntry("\uFFFDkey", "value \uFFFD");
	}

	@Test
	void shouldRefuseRecordsLargerThanARecordMayBe() {
		Note huge = new Note("x".repeat(RoundTripJsonSerde.MAX_RECORD_BYTES + 1), this.note.at(), Map.of(), List.of());

		assertThatExceptionOfType(RecordTooLargeException.class)
			.isThrownBy(() -> this.serde.serializer().serialize("t", huge));
	}

	@Test
	void shouldFailOnBytesThatAreNeitherFormat() {
		byte[] smileHeaderThenGarbage = ":)\n\u0001garbage".getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.deserializer().deserialize("t", smileHeaderThenGarbage));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.deserializer().deserialize("t", "{not json".getBytes(StandardCharsets.UTF_8)));
		assertThat(this.serde.deserializer().deserialize("t", null)).isNull();
	}

}
