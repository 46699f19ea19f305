package io.cdp.ingest.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.cdp.ingest.webhook.WebhookFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WebhookJsonTests {

	private static final JsonNode EVENT = ContractJson.mapper().readTree("""
			{"id": 35436, "email": "  ada@example.com ", "blank": " ", "flag": true,
			 "time": {"unix": 1521472262.908181, "text": "1521472262", "iso": "2013-12-12T05:35Z",
			          "offset": "2025-02-28T10:12:07+01:00", "huge": 1e999999999, "word": "soon"},
			 "contacts": {"list": [{"id": "c1"}, {"id": "c2"}]}, "nothing": null}""");

	@Test
	void shouldReadTextsAndNumbersAsText() {
		assertThat(WebhookJson.text(EVENT, "email")).isEqualTo("ada@example.com");
		assertThat(WebhookJson.text(EVENT, "id")).isEqualTo("35436");
		assertThat(WebhookJson.text(EVENT, "blank")).isNull();
		assertThat(WebhookJson.text(EVENT, "nothing")).isNull();
		assertThat(WebhookJson.text(EVENT, "absent.deeper")).isNull();
		assertThat(WebhookJson.text(EVENT, "contacts.list.1.id")).isEqualTo("c2");
		assertThat(WebhookJson.text(EVENT, "contacts.list.5.id")).isNull();
	}

	@Test
	void shouldNameThePathOfAValueOfTheWrongType() {
		assertThatThrownBy(() -> WebhookJson.text(EVENT, "flag")).isInstanceOf(UnmappableEventException.class)
			.hasMessage("flag must be a string")
			.extracting((ex) -> ((UnmappableEventException) ex).field())
			.isEqualTo("flag");
		assertThatThrownBy(() -> WebhookJson.text(EVENT, "email.address")).isInstanceOf(UnmappableEventException.class)
			.extracting((ex) -> ((UnmappableEventException) ex).field())
			.isEqualTo("email");
		assertThatThrownBy(() -> WebhookJson.requiredText(EVENT, "subject"))
			.isInstanceOf(UnmappableEventException.class)
			.hasMessage("subject is missing");
	}

	@Test
	void shouldReadEpochSecondsWithTheirFraction() {
		assertThat(WebhookJson.epochSeconds(EVENT, "time.unix"))
			.isEqualTo(Instant.parse("2018-03-19T15:11:02.908181Z"));
		assertThat(WebhookJson.epochSeconds(EVENT, "time.text")).isEqualTo(Instant.parse("2018-03-19T15:11:02Z"));
		assertThatThrownBy(() -> WebhookJson.epochSeconds(EVENT, "time.huge"))
			.isInstanceOf(UnmappableEventException.class);
		assertThatThrownBy(() -> WebhookJson.epochSeconds(EVENT, "time.word"))
			.isInstanceOf(UnmappableEventException.class)
			.hasMessage("time.word must be seconds since the epoch");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"1e-999999999\"", "\"1e-60000000\"", "1e-999999999", "\"-1e-2147483647\"",
			"\"1e2147483647\"", "\"1521472262.0000000000000000000000000000001\"", "\"1e-99999999999999999999\"" })
	void shouldRefuseSecondsWhoseExponentWouldCostSecondsOfCpu(String seconds) {
		JsonNode event = ContractJson.mapper().readTree("{\"t\": " + seconds + "}");

		assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
			try {
				Instant read = WebhookJson.epochSeconds(event, "t");
				// A number node Jackson parsed as a double is a plain zero or near it.
				assertThat(read).isBetween(Instant.EPOCH.minusSeconds(1), Instant.EPOCH.plusSeconds(1));
			}
			catch (UnmappableEventException ex) {
				assertThat(ex.field()).isEqualTo("t");
			}
		});
	}

	@Test
	void shouldReadIsoTimesWithOrWithoutSeconds() {
		assertThat(WebhookJson.isoInstant(EVENT, "time.iso")).isEqualTo(Instant.parse("2013-12-12T05:35:00Z"));
		assertThat(WebhookJson.isoInstant(EVENT, "time.offset")).isEqualTo(Instant.parse("2025-02-28T09:12:07Z"));
		assertThatThrownBy(() -> WebhookJson.isoInstant(EVENT, "time.word"))
			.isInstanceOf(UnmappableEventException.class);
	}

	@Test
	void shouldTurnValuesIntoPlainJava() {
		assertThat(WebhookJson.value(EVENT, "contacts"))
			.isEqualTo(Map.of("list", List.of(Map.of("id", "c1"), Map.of("id", "c2"))));
		assertThat(WebhookJson.value(EVENT, "nothing")).isNull();
	}

	@Test
	void shouldParseOnlyJson() {
		assertThat(WebhookJson.parse(bytes("[1, 2]"))).isPresent();
		assertThat(WebhookJson.parse(bytes("{\"a\": 1} trailing"))).isEmpty();
		assertThat(WebhookJson.parse(bytes("a=1&b=2"))).isEmpty();
		assertThat(WebhookJson.parse(new byte[0])).isEmpty();
	}

	@Test
	void shouldTurnAMappingFailureIntoARejectionOfThatEvent() {
		MessageOutcome accepted = WebhookJson.outcome(EVENT,
				(item) -> CustomerEvent.builder()
					.messageId(WebhookJson.requiredText(item, "id"))
					.type(EventType.TRACK)
					.name("Tested")
					.channel(Channel.EMAIL)
					.sourceId("s")
					.occurredAt(Instant.EPOCH)
					.receivedAt(Instant.EPOCH)
					.build());
		MessageOutcome rejected = WebhookJson.outcome(EVENT, (item) -> {
			throw new UnmappableEventException("flag", "flag must be false");
		});

		assertThat(accepted).isInstanceOf(MessageOutcome.Accepted.class);
		assertThat(rejected)
			.isEqualTo(MessageOutcome.rejected("flag", "flag must be false", WebhookJson.compact(EVENT)));
	}

}
