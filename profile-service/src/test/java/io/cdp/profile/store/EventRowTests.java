package io.cdp.profile.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.json.RoundTripJson;
import io.cdp.contract.profile.ProfileEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The events table's row is read from the bytes of a profile event: the same columns and
 * the same JSON as the event itself would give, and whatever the event could not be built
 * from is unreadable.
 */
class EventRowTests {

	private static final Instant OCCURRED = Instant.parse("2026-03-01T10:15:30.123Z");

	private static final Instant RECEIVED = Instant.parse("2026-03-01T10:15:31Z");

	@Test
	void shouldReadTheColumnsAndTheEventAsItsJson() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("total", 42.5);
		properties.put("items", List.of(Map.of("sku", "A-1", "note", "emoji \uD83D\uDE00 and \"quotes\"")));
		properties.put("nothing", null);
		CustomerEvent event = CustomerEvent.builder()
			.messageId("m-1")
			.type(EventType.TRACK)
			.name("Order Completed")
			.channel(Channel.EMAIL)
			.sourceId("source-email")
			.identifier(Identifier.parse("email:jane@example.com"))
			.traits(Map.of("plan", "pro"))
			.properties(properties)
			.context(Map.of("ip", "203.0.113.9"))
			.occurredAt(OCCURRED)
			.receivedAt(RECEIVED)
			.build();

		EventRow row = EventRow.read(RoundTripJson.write(new ProfileEvent("p-1", event)));

		assertThat(row)
			.extracting(EventRow::profileId, EventRow::messageId, EventRow::occurredAt, EventRow::receivedAt,
					EventRow::type, EventRow::name, EventRow::channel, EventRow::sourceId)
			.containsExactly("p-1", "m-1", OCCURRED, RECEIVED, "track", "Order Completed", "email", "source-email");
		JsonNode stored = ContractJson.mapper().readTree(row.json());
		assertThat(stored).isEqualTo(ContractJson.mapper().readTree(ContractJson.mapper().writeValueAsString(event)));
		assertThat(ContractJson.mapper().readValue(row.json(), CustomerEvent.class)).isEqualTo(event);
	}

	@Test
	void shouldReadAnEventWithoutAName() {
		CustomerEvent identify = CustomerEvent.builder()
			.messageId("m-2")
			.type(EventType.IDENTIFY)
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse("user_id:u-1"))
			.occurredAt(OCCURRED)
			.receivedAt(RECEIVED)
			.build();

		EventRow row = EventRow.read(RoundTripJson.write(new ProfileEvent("p-2", identify)));

		assertThat(row.name()).isNull();
		assertThat(row.type()).isEqualTo("identify");
	}

	@Test
	void shouldRepairTextThatIsNotUtf8AsTheOtherReadersDo() {
		String valid = new String(RoundTripJson.write(new ProfileEvent("p-3",
				CustomerEvent.builder()
					.messageId("m-3")
					.type(EventType.TRACK)
					.name("Viewed XX")
					.channel(Channel.WEB)
					.sourceId("source-web")
					.identifier(Identifier.parse("user_id:u-3"))
					.occurredAt(OCCURRED)
					.receivedAt(RECEIVED)
					.build())),
				StandardCharsets.UTF_8);
		byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
		int at = valid.indexOf("XX");
		bytes[at] = (byte) 0xC3;
		bytes[at + 1] = (byte) 0x28;

		EventRow row = EventRow.read(bytes);

		assertThat(row.name()).isEqualTo("Viewed \uFFFD(");
		assertThat(row.json()).contains("Viewed \uFFFD(");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "null", "[]", "{}", "{\"profileId\":\"p\"}", "{\"event\":{}}",
			"{\"profileId\":\"p\",\"event\":{}}", "{\"profileId\":7,\"event\":{}}",
			"{\"profileId\":\"p\",\"event\":[]}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"track\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"shout\",\"name\":\"n\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"page\",\"channel\":\"fax\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"page\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"yesterday\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"page\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\",\"schemaVersion\":2}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"alias\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}}",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"page\",\"channel\":\"web\",\"sourceId\":\"s\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"receivedAt\":\"2026-03-01T10:15:30Z\"}} trailing",
			"{\"profileId\":\"p\",\"event\":{\"messageId\":\"m\",\"type\":\"page\",\"channel\":\"web\"" })
	void shouldFindWhatCannotBeARowUnreadable(String payload) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> EventRow.read(payload.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfAny(JacksonException.class, IllegalArgumentException.class);
	}

	@Test
	void shouldReadAPageEventWithTheFieldsInAnyOrder() {
		String payload = "{\"event\":{\"receivedAt\":\"2026-03-01T10:15:31Z\",\"extra\":{\"deep\":[1,{\"a\":null}]},"
				+ "\"sourceId\":\"s\",\"channel\":\"web\",\"type\":\"page\",\"occurredAt\":\"2026-03-01T10:15:30Z\","
				+ "\"messageId\":\"m-4\"},\"profileId\":\"p-4\",\"unknown\":[true]}";

		EventRow row = EventRow.read(payload.getBytes(StandardCharsets.UTF_8));

		assertThat(row.profileId()).isEqualTo("p-4");
		assertThat(row.messageId()).isEqualTo("m-4");
		assertThat(row.json()).startsWith("{\"receivedAt\"").endsWith("\"messageId\":\"m-4\"}");
	}

}
