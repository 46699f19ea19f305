package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.TestEvents;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CustomerEventSerdeTests {

	private static final String TOPIC = "cdp.events.v1";

	private final Serde<CustomerEvent> serde = new CustomerEventSerde();

	@Test
	void shouldRoundTripAnEventWithEveryComponent() {
		CustomerEvent event = TestEvents.track().previousId("anon-1").groupId("acme").build();

		assertThat(roundTrip(event)).isEqualTo(event);
	}

	@Test
	void shouldWriteSchemaVersionOneAsTheFirstField() {
		String json = write(TestEvents.track().build());

		assertThat(json).startsWith("{\"schemaVersion\":1,");
	}

	@Test
	void shouldWriteCamelCaseNamesLowerCaseEnumsPlainIdentifierTypesAndIsoTimes() {
		JsonNode json = ContractJson.mapper().readTree(write(TestEvents.track().build()));

		assertThat(json.get("messageId").asString()).isEqualTo("msg-1");
		assertThat(json.get("type").asString()).isEqualTo("track");
		assertThat(json.get("channel").asString()).isEqualTo("web");
		assertThat(json.get("sourceId").asString()).isEqualTo("web-shop");
		assertThat(json.get("identifiers").get(1).toString())
			.isEqualTo("{\"type\":\"email\",\"value\":\"ada@example.com\"}");
		assertThat(json.get("occurredAt").asString()).isEqualTo("2025-03-01T10:15:25.123Z");
		assertThat(json.get("receivedAt").asString()).isEqualTo("2025-03-01T10:15:30.123Z");
	}

	@Test
	void shouldOmitAbsentOptionalComponents() {
		JsonNode json = ContractJson.mapper().readTree(write(TestEvents.track().build()));

		assertThat(json.has("previousId")).isFalse();
		assertThat(json.has("groupId")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void shouldRoundTripEveryEventType(EventType type) {
		CustomerEvent event = TestEvents.of(type, Channel.SERVER);

		assertThat(roundTrip(event)).isEqualTo(event);
		assertThat(write(event)).contains("\"type\":\"" + type.name().toLowerCase() + "\"");
	}

	@ParameterizedTest
	@EnumSource(Channel.class)
	void shouldRoundTripEveryChannel(Channel channel) {
		CustomerEvent event = TestEvents.of(EventType.IDENTIFY, channel);

		assertThat(roundTrip(event)).isEqualTo(event);
		assertThat(write(event)).contains("\"channel\":\"" + channel.name().toLowerCase() + "\"");
	}

	@Test
	void shouldRoundTripNestedContextAndNullsInProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("coupon", null);
		properties.put("items", Arrays.asList(Map.of("sku", "A-1", "quantity", 2), null));
		properties.put("revenue", 19.99);
		properties.put("big", 12345678901L);
		properties.put("paid", true);
		Map<String, Object> context = Map.of("device", Map.of("os", Map.of("name", "iOS", "version", "18.1")), "tags",
				List.of("beta", "vip"));

		CustomerEvent event = TestEvents.track().properties(properties).context(context).build();

		CustomerEvent read = roundTrip(event);
		assertThat(read).isEqualTo(event);
		assertThat(read.properties()).containsEntry("coupon", null);
		assertThat(write(event)).contains("\"coupon\":null");
	}

	@Test
	void shouldRoundTripUnicode() {
		CustomerEvent event = TestEvents.track()
			.name("Commande passée ✓")
			.identifier(Identifier.of("email", "zoë@bücher.example"))
			.properties(Map.of("note", "日本語 😀 \u0000 \"quoted\" \\ slash"))
			.build();

		assertThat(roundTrip(event)).isEqualTo(event);
	}

	@Test
	void shouldIgnoreUnknownFieldsAtEveryLevel() {
		String json = write(TestEvents.track().build())
			.replace("{\"schemaVersion\":1,", "{\"schemaVersion\":1,\"addedLater\":{\"x\":1},")
			.replace("{\"type\":\"email\",", "{\"type\":\"email\",\"verified\":true,");

		assertThat(read(json)).isEqualTo(TestEvents.track().build());
	}

	@Test
	void shouldReadTheSameEventWhereverTheSchemaVersionStands() {
		CustomerEvent event = TestEvents.track()
			.previousId("anon-1")
			.groupId("acme")
			.properties(Map.of("price", 9.5, "count", 3, "big", 12345678901L, "tags", List.of("a", "b")))
			.build();
		String first = write(event);
		String last = first.replace("\"schemaVersion\":1,", "").replaceFirst("}$", ",\"schemaVersion\":1}");

		assertThat(read(first)).isEqualTo(event);
		assertThat(read(last)).isEqualTo(read(first));
	}

	@Test
	void shouldRejectAMissingSchemaVersion() {
		String json = write(TestEvents.track().build()).replace("\"schemaVersion\":1,", "");

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(json))
			.withMessage("cannot read CustomerEvent from topic cdp.events.v1: schemaVersion is missing; "
					+ "this reader supports schemaVersion 1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2", "0", "\"1\"", "1.5", "null" })
	void shouldRejectAnUnsupportedSchemaVersionNamingIt(String version) {
		String json = write(TestEvents.track().build()).replace("\"schemaVersion\":1", "\"schemaVersion\":" + version);

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(json))
			.withMessageContaining("schemaVersion")
			.withMessageContaining(version.equals("null") ? "missing" : version + " is not supported");
	}

	@Test
	void shouldReadAndWriteTombstonesAsNull() {
		assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
		assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "not json", "[]", "\"text\"", "null" })
	void shouldRejectPayloadsThatAreNotOneJsonObject(String payload) {
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(payload))
			.withMessageStartingWith("cannot read CustomerEvent from topic cdp.events.v1");
	}

	@Test
	void shouldRejectTrailingContentAfterTheEvent() {
		String json = write(TestEvents.track().build()) + " {}";

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(json))
			.withMessageContaining("Trailing token");
	}

	@Test
	void shouldRejectEventsMissingARequiredComponentNamingIt() {
		String json = write(TestEvents.track().build()).replace("\"channel\":\"web\",", "");

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(json))
			.withMessageContaining("channel must not be null");
	}

	@Test
	void shouldRejectUnknownEnumValues() {
		String json = write(TestEvents.track().build()).replace("\"channel\":\"web\"", "\"channel\":\"sms\"");

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> read(json))
			.withMessageContaining("unknown Channel 'sms'");
	}

	@Test
	void shouldGenerateAMessageIdWhenTheJsonHasNone() {
		String json = write(TestEvents.track().build()).replace("\"messageId\":\"msg-1\",", "");

		assertThat(read(json).messageId()).hasSize(36);
	}

	private CustomerEvent roundTrip(CustomerEvent event) {
		return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));
	}

	private String write(CustomerEvent event) {
		return new String(serde.serializer().serialize(TOPIC, event), StandardCharsets.UTF_8);
	}

	private CustomerEvent read(String json) {
		return serde.deserializer().deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
	}

}
