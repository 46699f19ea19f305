package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.event.Identifier;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonSerdeTests {

	private static final String TOPIC = "cdp.internal.v1";

	record MergeCommand(String loserProfileId, String winnerProfileId, List<Identifier> identifiers, Instant mergedAt,
			Duration age) {
	}

	private final JsonSerde<MergeCommand> serde = new JsonSerde<>(MergeCommand.class);

	private final MergeCommand command = new MergeCommand("p-2", "p-1", List.of(Identifier.of("email", "a@b.com")),
			Instant.parse("2025-03-01T10:00:00.5Z"), Duration.ofDays(3));

	@Test
	void shouldRoundTripRecords() {
		assertThat(read(write(command))).isEqualTo(command);
	}

	@Test
	void shouldWriteTimesAsIso8601Strings() {
		assertThat(write(command)).contains("\"mergedAt\":\"2025-03-01T10:00:00.500Z\"").contains("\"age\":\"PT72H\"");
	}

	@Test
	void shouldIgnoreUnknownFields() {
		String json = write(command).replace("{\"loserProfileId\"", "{\"reason\":\"email\",\"loserProfileId\"");

		assertThat(read(json)).isEqualTo(command);
	}

	@Test
	void shouldReadAndWriteTombstonesAsNull() {
		assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
		assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
	}

	@Test
	void shouldNameTopicAndTypeWhenAPayloadCannotBeRead() {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read("{\"mergedAt\":\"yesterday\"}"))
			.withMessageStartingWith("cannot read MergeCommand from topic cdp.internal.v1: ");
	}

	@Test
	void shouldShareOneMapper() {
		assertThat(ContractJson.mapper()).isSameAs(ContractJson.mapper());
	}

	@Test
	void shouldRoundTripDeadLettersWithAndWithoutOptionalFields() {
		DeadLetterSerde deadLetters = new DeadLetterSerde();
		DeadLetter full = new DeadLetter("{\"userId\":\"\"}", "identifiers are all empty", "userId", "web-shop",
				Instant.parse("2025-03-01T10:00:00Z"));
		DeadLetter bare = new DeadLetter("\u0001garbage", "not JSON", null, null,
				Instant.parse("2025-03-01T10:00:00Z"));

		for (DeadLetter letter : List.of(full, bare)) {
			byte[] bytes = deadLetters.serializer().serialize("cdp.events.dlq.v1", letter);
			assertThat(deadLetters.deserializer().deserialize("cdp.events.dlq.v1", bytes)).isEqualTo(letter);
		}
		assertThat(new String(deadLetters.serializer().serialize("cdp.events.dlq.v1", full), StandardCharsets.UTF_8))
			.isEqualTo("{\"payload\":\"{\\\"userId\\\":\\\"\\\"}\",\"reason\":\"identifiers are all empty\","
					+ "\"field\":\"userId\",\"sourceId\":\"web-shop\",\"receivedAt\":\"2025-03-01T10:00:00Z\"}");
	}

	private String write(MergeCommand value) {
		return new String(serde.serializer().serialize(TOPIC, value), StandardCharsets.UTF_8);
	}

	private MergeCommand read(String json) {
		return serde.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
	}

}
