package io.cdp.contract.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerEventTests {

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n" })
	void shouldGenerateRandomUuidMessageIdWhenNullOrBlank(String messageId) {
		CustomerEvent first = TestEvents.track().messageId(messageId).build();
		CustomerEvent second = TestEvents.track().messageId(messageId).build();

		assertThat(UUID.fromString(first.messageId())).hasToString(first.messageId());
		assertThat(first.messageId()).isNotEqualTo(second.messageId());
	}

	@Test
	void shouldKeepGivenMessageId() {
		assertThat(TestEvents.track().messageId("abc-123").build().messageId()).isEqualTo("abc-123");
	}

	@Test
	void shouldAcceptMessageIdOf100Characters() {
		String messageId = "m".repeat(100);

		assertThat(TestEvents.track().messageId(messageId).build().messageId()).isEqualTo(messageId);
	}

	@Test
	void shouldRejectMessageIdLongerThan100Characters() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestEvents.track().messageId("m".repeat(101)).build())
			.withMessageContaining("messageId")
			.withMessageContaining("100");
	}

	static Stream<Arguments> requiredComponents() {
		return Stream.of(Arguments.of("type", (UnaryOperator<CustomerEventBuilder>) builder -> builder.type(null)),
				Arguments.of("channel", (UnaryOperator<CustomerEventBuilder>) builder -> builder.channel(null)),
				Arguments.of("sourceId", (UnaryOperator<CustomerEventBuilder>) builder -> builder.sourceId(null)),
				Arguments.of("occurredAt", (UnaryOperator<CustomerEventBuilder>) builder -> builder.occurredAt(null)),
				Arguments.of("receivedAt", (UnaryOperator<CustomerEventBuilder>) builder -> builder.receivedAt(null)));
	}

	@ParameterizedTest
	@MethodSource("requiredComponents")
	void shouldNameMissingRequiredComponent(String component, UnaryOperator<CustomerEventBuilder> clear) {
		assertThatNullPointerException().isThrownBy(() -> clear.apply(TestEvents.track()).build())
			.withMessage(component + " must not be null");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			TRACK | a track event needs a name
			ALIAS | an alias event needs a previousId
			GROUP | a group event needs a groupId
			""")
	void shouldRequireTheComponentEachTypeIsAbout(EventType type, String message) {
		CustomerEventBuilder builder = TestEvents.track().type(type).name(" ").previousId(null).groupId(null);

		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessage(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "IDENTIFY", "PAGE", "SCREEN" })
	void shouldAllowTypesWithoutNameOrIds(EventType type) {
		CustomerEvent event = TestEvents.track().type(type).name(null).build();

		assertThat(event.name()).isNull();
		assertThat(event.previousId()).isNull();
		assertThat(event.groupId()).isNull();
	}

	@Test
	void shouldCopyIdentifiersSoLaterChangesDoNotLeakIn() {
		List<Identifier> identifiers = new ArrayList<>(List.of(new Identifier(IdentifierType.EMAIL, "a@b.com")));
		CustomerEvent event = TestEvents.track().build().withIdentifiers(identifiers);

		identifiers.add(new Identifier(IdentifierType.PHONE, "+14155550100"));

		assertThat(event.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "a@b.com"));
		assertThatThrownBy(() -> event.identifiers().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldTreatMissingCollectionsAsEmpty() {
		CustomerEvent event = new CustomerEvent(null, EventType.IDENTIFY, null, Channel.SERVER, "crm", null, null, null,
				null, null, null, TestEvents.RECEIVED_AT, TestEvents.RECEIVED_AT);

		assertThat(event.identifiers()).isEmpty();
		assertThat(event.traits()).isEmpty();
		assertThat(event.properties()).isEmpty();
		assertThat(event.context()).isEmpty();
	}

	@Test
	void shouldKeepNullValuesNestedStructuresAndKeyOrderInFreeFormMaps() {
		Map<String, Object> page = new HashMap<>();
		page.put("referrer", null);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("z", 1);
		properties.put("coupon", null);
		properties.put("items", Arrays.asList("a", null));

		CustomerEvent event = TestEvents.track().properties(properties).context(Map.of("page", page)).build();

		assertThat(event.properties()).containsKeys("z", "coupon", "items").containsEntry("coupon", null);
		assertThat(event.properties().get("items")).isEqualTo(Arrays.asList("a", null));
		assertThat(event.context().get("page")).isEqualTo(page);
	}

	@Test
	void shouldKeepInsertionOrderOfFreeFormMaps() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("z", 1);
		properties.put("a", 2);
		properties.put("m", 3);

		CustomerEvent event = new CustomerEvent(null, EventType.PAGE, null, Channel.WEB, "web", List.of(), null, null,
				null, properties, null, TestEvents.RECEIVED_AT, TestEvents.RECEIVED_AT);

		assertThat(event.properties().keySet()).containsExactly("z", "a", "m");
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldMakeFreeFormMapsDeeplyUnmodifiableAndIndependentOfTheSource() {
		Map<String, Object> device = new LinkedHashMap<>();
		device.put("tags", new ArrayList<>(List.of("beta")));
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("device", device);
		CustomerEvent event = TestEvents.track().context(context).build();

		device.put("model", "changed later");
		((List<Object>) device.get("tags")).add("changed later");

		Map<String, Object> copiedDevice = (Map<String, Object>) event.context().get("device");
		assertThat(copiedDevice).containsOnlyKeys("tags");
		assertThat((List<Object>) copiedDevice.get("tags")).containsExactly("beta");
		assertThatThrownBy(() -> event.context().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> copiedDevice.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> ((List<Object>) copiedDevice.get("tags")).add("x"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldRejectNullKeysInFreeFormMaps() {
		Map<String, Object> traits = new HashMap<>();
		traits.put(null, "x");

		assertThatNullPointerException().isThrownBy(() -> TestEvents.track().traits(traits).build())
			.withMessageContaining("traits");
	}

	@Test
	void shouldFindTheFirstIdentifierOfAType() {
		CustomerEvent event = TestEvents.track()
			.identifier(new Identifier(IdentifierType.EMAIL, "second@b.com"))
			.build();

		assertThat(event.identifier(IdentifierType.EMAIL))
			.contains(new Identifier(IdentifierType.EMAIL, "ada@example.com"));
		assertThat(event.identifier(IdentifierType.PHONE)).isEmpty();
	}

	@Test
	void shouldKeepEverythingButIdentifiersWhenReplacingThem() {
		CustomerEvent event = TestEvents.track().build();
		List<Identifier> replacement = List.of(new Identifier(IdentifierType.PHONE, "+14155550100"));

		CustomerEvent replaced = event.withIdentifiers(replacement);

		assertThat(replaced.identifiers()).isEqualTo(replacement);
		assertThat(replaced).usingRecursiveComparison().ignoringFields("identifiers").isEqualTo(event);
	}

	@Test
	void shouldBeEqualWhenAllComponentsAreEqual() {
		assertThat(TestEvents.track().build()).isEqualTo(TestEvents.track().build())
			.hasSameHashCodeAs(TestEvents.track().build());
	}

}
