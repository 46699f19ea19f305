package io.cdp.ingest.collect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.json.ContractJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JsonFieldsTests {

	private static final JsonNode EVENT = ContractJson.mapper().readTree("""
			{"id": 35436, "email": "  ada@example.com ", "blank": " ", "flag": true,
			 "time": {"unix": 1521472262.908181, "text": "1521472262", "iso": "2013-12-12T05:35Z",
			          "offset": "2025-02-28T10:12:07+01:00", "huge": 1e999999999, "word": "soon"},
			 "contacts": {"list": [{"id": "c1"}, {"id": "c2"}]}, "nothing": null}""");

	@Test
	void shouldReadTextsAndNumbersAsText() {
		assertThat(JsonFields.text(EVENT, "email")).isEqualTo("ada@example.com");
		assertThat(JsonFields.text(EVENT, "id")).isEqualTo("35436");
		assertThat(JsonFields.text(EVENT, "blank")).isNull();
		assertThat(JsonFields.text(EVENT, "nothing")).isNull();
		assertThat(JsonFields.text(EVENT, "absent.deeper")).isNull();
		assertThat(JsonFields.text(EVENT, "contacts.list.1.id")).isEqualTo("c2");
		assertThat(JsonFields.text(EVENT, "contacts.list.5.id")).isNull();
	}

	@Test
	void shouldNameThePathOfAValueOfTheWrongType() {
		assertThatThrownBy(() -> JsonFields.text(EVENT, "flag")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("flag must be a string")
			.extracting((ex) -> ((InvalidFieldException) ex).field())
			.isEqualTo("flag");
		assertThatThrownBy(() -> JsonFields.text(EVENT, "email.address")).isInstanceOf(InvalidFieldException.class)
			.extracting((ex) -> ((InvalidFieldException) ex).field())
			.isEqualTo("email");
		assertThatThrownBy(() -> JsonFields.requiredText(EVENT, "subject")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("subject is missing");
	}

	@Test
	void shouldReadEpochSecondsWithTheirFraction() {
		assertThat(JsonFields.epochSeconds(EVENT, "time.unix")).isEqualTo(Instant.parse("2018-03-19T15:11:02.908181Z"));
		assertThat(JsonFields.epochSeconds(EVENT, "time.text")).isEqualTo(Instant.parse("2018-03-19T15:11:02Z"));
		assertThatThrownBy(() -> JsonFields.epochSeconds(EVENT, "time.huge")).isInstanceOf(InvalidFieldException.class);
		assertThatThrownBy(() -> JsonFields.epochSeconds(EVENT, "time.word")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("time.word must be seconds since the epoch");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"1e-999999999\"", "\"1e-60000000\"", "1e-999999999", "\"-1e-2147483647\"",
			"\"1e2147483647\"", "\"1521472262.0000000000000000000000000000001\"", "\"1e-99999999999999999999\"" })
	void shouldRefuseSecondsWhoseExponentWouldCostSecondsOfCpu(String seconds) {
		JsonNode event = ContractJson.mapper().readTree("{\"t\": " + seconds + "}");

		assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
			try {
				Instant read = JsonFields.epochSeconds(event, "t");
				// A number node Jackson parsed as a double is a plain zero or near it.
				assertThat(read).isBetween(Instant.EPOCH.minusSeconds(1), Instant.EPOCH.plusSeconds(1));
			}
			catch (InvalidFieldException ex) {
				assertThat(ex.field()).isEqualTo("t");
			}
		});
	}

	@Test
	void shouldReadIsoTimesWithOrWithoutSeconds() {
		assertThat(JsonFields.isoInstant(EVENT, "time.iso")).isEqualTo(Instant.parse("2013-12-12T05:35:00Z"));
		assertThat(JsonFields.isoInstant(EVENT, "time.offset")).isEqualTo(Instant.parse("2025-02-28T09:12:07Z"));
		assertThatThrownBy(() -> JsonFields.isoInstant(EVENT, "time.word")).isInstanceOf(InvalidFieldException.class);
	}

	@Test
	void shouldTurnValuesIntoPlainJava() {
		assertThat(JsonFields.value(EVENT, "contacts"))
			.isEqualTo(Map.of("list", List.of(Map.of("id", "c1"), Map.of("id", "c2"))));
		assertThat(JsonFields.value(EVENT, "nothing")).isNull();
	}

	@Test
	void shouldParseOnlyJson() {
		assertThat(JsonFields.parseLeniently(bytes("[1, 2]"))).isPresent();
		assertThat(JsonFields.parseLeniently(bytes("{\"a\": 1} trailing"))).isEmpty();
		assertThat(JsonFields.parseLeniently(bytes("a=1&b=2"))).isEmpty();
		assertThat(JsonFields.parseLeniently(new byte[0])).isEmpty();
	}

	@Test
	void shouldReadStringsAndIdsAsSent() {
		JsonNode message = ContractJson.mapper().readTree("""
				{"name": " Home ", "blank": " ", "userId": 42, "anonymousId": " a-1 ", "empty": "", "flag": true}""");

		assertThat(JsonFields.string(message, "name")).isEqualTo(" Home ");
		assertThat(JsonFields.string(message, "blank")).isEqualTo(" ");
		assertThatThrownBy(() -> JsonFields.string(message, "userId")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("userId must be a string");
		assertThat(JsonFields.id(message, "userId")).isEqualTo("42");
		assertThat(JsonFields.id(message, "anonymousId")).isEqualTo(" a-1 ");
		assertThat(JsonFields.id(message, "empty")).isNull();
		assertThatThrownBy(() -> JsonFields.id(message, "flag")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("flag must be a string");
	}

	@Test
	void shouldReadDateTimesWithOrWithoutAnOffset() {
		JsonNode message = ContractJson.mapper()
			.readTree(
					"""
							{"offset": "2024-05-01T14:30:00+02:00", "local": "2024-05-01T12:30:00", "number": 1, "word": "soon"}""");

		assertThat(JsonFields.dateTime(message, "offset")).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
		assertThat(JsonFields.dateTime(message, "local")).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
		assertThat(JsonFields.dateTime(message, "absent")).isNull();
		assertThatThrownBy(() -> JsonFields.dateTime(message, "number")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("number must be an ISO-8601 date-time string");
		assertThatThrownBy(() -> JsonFields.dateTime(message, "word")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("word must be an ISO-8601 date-time such as 2024-05-01T12:30:00.000Z");
	}

	@Test
	void shouldReadObjectsAsMapsAndBooleans() {
		assertThat(JsonFields.map(EVENT, "contacts")).containsOnlyKeys("list");
		assertThat(JsonFields.map(EVENT, "nothing")).isEmpty();
		assertThatThrownBy(() -> JsonFields.map(EVENT, "email")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("email must be a JSON object");
		assertThat(JsonFields.bool(EVENT, "flag")).isTrue();
		assertThatThrownBy(() -> JsonFields.bool(EVENT, "id")).isInstanceOf(InvalidFieldException.class)
			.hasMessage("id must be true or false");
	}

	@Test
	void shouldDescribeNodesForPeople() {
		assertThat(JsonFields.describe(EVENT)).isEqualTo("an object");
		assertThat(JsonFields.describe(EVENT.get("id"))).isEqualTo("a number");
		assertThat(JsonFields.describe(EVENT.get("nothing"))).isEqualTo("null");
	}

	@Test
	void shouldTurnAContractRefusalIntoARejectionOfTheWholeMessage() {
		MessageOutcome rejected = MessageOutcome.read(() -> {
			throw new IllegalArgumentException("messageId is too long");
		}, () -> "{}");

		assertThat(rejected).isEqualTo(MessageOutcome.rejected(null, "messageId is too long", "{}"));
	}

	@Test
	void shouldTurnAMappingFailureIntoARejectionOfThatEvent() {
		MessageOutcome accepted = MessageOutcome.read(EVENT,
				(item) -> CustomerEvent.builder()
					.messageId(JsonFields.requiredText(item, "id"))
					.type(EventType.TRACK)
					.name("Tested")
					.channel(Channel.EMAIL)
					.sourceId("s")
					.occurredAt(Instant.EPOCH)
					.receivedAt(Instant.EPOCH)
					.build());
		MessageOutcome rejected = MessageOutcome.read(EVENT, (item) -> {
			throw new InvalidFieldException("flag", "flag must be false");
		});

		assertThat(accepted).isInstanceOf(MessageOutcome.Accepted.class);
		assertThat(rejected)
			.isEqualTo(MessageOutcome.rejected("flag", "flag must be false", JsonFields.compact(EVENT)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
