package io.cdp.ingest.mapping;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cdp.contract.event.EventType;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.mapping.InvalidMappingException.Problem;
import io.cdp.ingest.mapping.MappingExpression.Constant;
import io.cdp.ingest.mapping.MappingExpression.Path;
import io.cdp.ingest.mapping.MappingExpression.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import static io.cdp.ingest.mapping.MappingFixtures.json;
import static io.cdp.ingest.mapping.MappingFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SourceMappingTests {

	private static final JsonNode ELEMENT = json("""
			{"kind": "purchase", "a/b": {"~c": ["x", "y"]}, "customer": {"first name": "Ada", "email": null},
			 "lines": [{"sku": "A"}, {"sku": "B"}], "it's": 1, "0": "zero"}""");

	@Test
	void shouldParseThePointOfSaleMapping() {
		SourceMapping mapping = SourceMapping.parse(resource("pos-purchase-mapping.json"));

		assertThat(mapping.type()).isEqualTo(EventType.TRACK);
		assertThat(mapping.event()).isEqualTo(new Constant(json("\"Order Completed\"")));
		assertThat(mapping.messageId()).isInstanceOf(Pointer.class)
			.extracting(MappingExpression::text)
			.isEqualTo("/receipt/id");
		assertThat(mapping.timestamp()).extracting(MappingExpression::text).isEqualTo("/purchasedAt");
		assertThat(mapping.channel()).isNull();
		assertThat(mapping.identifiers()).containsOnlyKeys(IdentifierType.EMAIL, IdentifierType.PHONE,
				IdentifierType.USER_ID);
		assertThat(mapping.identifiers().get(IdentifierType.USER_ID)).isInstanceOf(Path.class);
		assertThat(mapping.traits()).containsOnlyKeys("firstName", "lastName", "loyaltyTier");
		assertThat(mapping.properties().keySet()).containsExactly("order_id", "store_id", "store_name", "register",
				"total", "tax", "discount", "currency", "payment_method", "products");
	}

	@Test
	void shouldDefaultToATrackWithoutOptionalFields() {
		SourceMapping mapping = SourceMapping
			.parse(json("{\"event\": \"/kind\", \"messageId\": null, \"identifiers\": {\"email\": \"/email\"}}"));

		assertThat(mapping.type()).isEqualTo(EventType.TRACK);
		assertThat(mapping.messageId()).isNull();
		assertThat(mapping.timestamp()).isNull();
		assertThat(mapping.channel()).isNull();
		assertThat(mapping.groupId()).isNull();
		assertThat(mapping.previousId()).isNull();
		assertThat(mapping.traits()).isEmpty();
		assertThat(mapping.properties()).isEmpty();
	}

	@Test
	void shouldAcceptTheFieldsOfEachEventType() {
		assertThat(SourceMapping.parse(json("{\"type\": \"page\", \"identifiers\": {\"anonymous_id\": \"/visitor\"}}"))
			.event()).isNull();
		assertThat(SourceMapping.parse(json(
				"{\"type\": \"IDENTIFY\", \"identifiers\": {\"user_id\": \"/id\"}, \"traits\": {\"plan\": \"/plan\"}}"))
			.type()).isEqualTo(EventType.IDENTIFY);
		assertThat(SourceMapping.parse(json(
				"{\"type\": \"group\", \"groupId\": {\"const\": \"store-12\"}, \"identifiers\": {\"user_id\": \"/id\"}}"))
			.groupId()).isNotNull();
		assertThat(SourceMapping
			.parse(json("{\"type\": \"alias\", \"previousId\": \"/old\", \"identifiers\": {\"user_id\": \"/id\"}}"))
			.previousId()).isNotNull();
	}

	@Test
	void shouldAcceptCustomIdentifierTypesAndAConstantChannel() {
		SourceMapping mapping = SourceMapping.parse(json("""
				{"event": "/kind", "channel": {"const": "Web"},
				 "identifiers": {"loyalty_card": "/card", "crm_id2": "$.crm.id"}}"""));

		assertThat(mapping.identifiers()).containsOnlyKeys(IdentifierType.of("loyalty_card"),
				IdentifierType.of("crm_id2"));
		assertThat(mapping.channel()).isEqualTo(new Constant(json("\"Web\"")));
	}

	@Test
	void shouldReadJsonPointersWithEscapesAndIndexes() {
		assertThat(Pointer.of("/a~1b/~0c/1").valueIn(ELEMENT)).isEqualTo(json("\"y\""));
		assertThat(Pointer.of("/lines/0/sku").valueIn(ELEMENT)).isEqualTo(json("\"A\""));
		assertThat(Pointer.of("/0").valueIn(ELEMENT)).isEqualTo(json("\"zero\""));
		assertThat(Pointer.of("/lines").valueIn(ELEMENT)).isEqualTo(ELEMENT.get("lines"));
	}

	@Test
	void shouldReadJsonPathNamesQuotedNamesAndIndexes() {
		assertThat(Path.of("$.kind").valueIn(ELEMENT)).isEqualTo(json("\"purchase\""));
		assertThat(Path.of("$.customer['first name']").valueIn(ELEMENT)).isEqualTo(json("\"Ada\""));
		assertThat(Path.of("$['it\\'s']").valueIn(ELEMENT)).isEqualTo(json("1"));
		assertThat(Path.of("$.lines[1].sku").valueIn(ELEMENT)).isEqualTo(json("\"B\""));
		assertThat(Path.of("$.lines[-1].sku").valueIn(ELEMENT)).isEqualTo(json("\"B\""));
		assertThat(Path.of("$").valueIn(ELEMENT)).isEqualTo(ELEMENT);
	}

	@Test
	void shouldFindNoValueWhereThereIsNoneOrItIsNull() {
		assertThat(Pointer.of("/customer/email").valueIn(ELEMENT)).isNull();
		assertThat(Pointer.of("/customer/phone").valueIn(ELEMENT)).isNull();
		assertThat(Pointer.of("/kind/deeper").valueIn(ELEMENT)).isNull();
		assertThat(Pointer.of("/lines/7").valueIn(ELEMENT)).isNull();
		assertThat(Path.of("$.customer.email").valueIn(ELEMENT)).isNull();
		assertThat(Path.of("$.lines.sku").valueIn(ELEMENT)).isNull();
		assertThat(Path.of("$.kind[0]").valueIn(ELEMENT)).isNull();
		assertThat(Path.of("$.lines[2]").valueIn(ELEMENT)).isNull();
		assertThat(Path.of("$.lines[-3]").valueIn(ELEMENT)).isNull();
		assertThat(new Constant(NullNode.getInstance()).valueIn(ELEMENT)).isNull();
	}

	@Test
	void shouldKeepConstantsOfAnyJsonForPropertiesAndTraits() {
		SourceMapping mapping = SourceMapping.parse(json("""
				{"event": {"const": "Order Completed"}, "identifiers": {"email": "/email"},
				 "traits": {"source": {"const": "pos"}},
				 "properties": {"flags": {"const": {"inStore": true, "tags": [1, 2]}}}}"""));

		assertThat(mapping.traits().get("source").valueIn(ELEMENT)).isEqualTo(json("\"pos\""));
		assertThat(mapping.properties().get("flags").valueIn(ELEMENT))
			.isEqualTo(json("{\"inStore\": true, \"tags\": [1, 2]}"));
		assertThat(mapping.properties().get("flags").text())
			.isEqualTo("{\"const\": {\"inStore\":true,\"tags\":[1,2]}}");
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("invalidMappings")
	void shouldRefuseAnInvalidMappingNamingTheField(String mapping, String field, String message) {
		assertThatExceptionOfType(InvalidMappingException.class).isThrownBy(() -> SourceMapping.parse(json(mapping)))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo(field);
				assertThat(problem.message()).startsWith(field + " ").contains(message);
			}));
	}

	static Stream<Arguments> invalidMappings() {
		String ids = "\"identifiers\": {\"email\": \"/email\"}";
		return Stream.of(
				arguments("{\"event\": \"/kind\", " + ids + ", \"colour\": \"blue\"}", "mapping.colour",
						"is not a mapping key; the keys are type, event, messageId"),
				arguments("{\"type\": \"purchase\", \"event\": \"/kind\", " + ids + "}", "mapping.type",
						"must be one of track, identify, page, screen, group, alias"),
				arguments("{\"type\": 7, \"event\": \"/kind\", " + ids + "}", "mapping.type", "must be one of"),
				arguments("{" + ids + "}", "mapping.event", "is required for track events"),
				arguments("{\"type\": \"identify\", \"event\": \"/kind\", " + ids + "}", "mapping.event",
						"is only for track, page and screen events, not identify"),
				arguments("{\"type\": \"group\", " + ids + "}", "mapping.groupId", "is required for group events"),
				arguments("{\"type\": \"alias\", " + ids + "}", "mapping.previousId", "is required for alias events"),
				arguments("{\"event\": \"/kind\", \"groupId\": \"/account\", " + ids + "}", "mapping.groupId",
						"is only for group events, not track"),
				arguments("{\"event\": \"/kind\", \"previousId\": \"/old\", " + ids + "}", "mapping.previousId",
						"is only for alias events, not track"),
				arguments("{\"event\": \"kind\", " + ids + "}", "mapping.event",
						"must be a JSON Pointer (/a/b), a JSONPath ($.a.b) or {\"const\": value}"),
				arguments("{\"event\": \"\", " + ids + "}", "mapping.event", "must be a JSON Pointer"),
				arguments("{\"event\": 42, " + ids + "}", "mapping.event", "must be a JSON Pointer"),
				arguments("{\"event\": {\"const\": \"E\", \"default\": \"F\"}, " + ids + "}", "mapping.event",
						"must be a JSON Pointer"),
				arguments("{\"event\": \"/a~2b\", " + ids + "}", "mapping.event",
						"is not a valid JSON Pointer: '~' must be followed by 0 (for ~) or 1 (for /)"),
				arguments("{\"event\": \"$.lines[*].name\", " + ids + "}", "mapping.event",
						"is not a valid JSONPath: wildcards (*) are not supported"),
				arguments("{\"event\": {\"const\": \" \"}, " + ids + "}", "mapping.event",
						"must be a non-blank string constant"),
				arguments("{\"event\": {\"const\": 5}, " + ids + "}", "mapping.event",
						"must be a non-blank string constant"),
				arguments("{\"event\": \"/kind\"}", "mapping.identifiers", "is required: at least one identifier"),
				arguments("{\"event\": \"/kind\", \"identifiers\": {}}", "mapping.identifiers",
						"must be a JSON object of at least one identifier type"),
				arguments("{\"event\": \"/kind\", \"identifiers\": [\"/email\"]}", "mapping.identifiers",
						"must be a JSON object of at least one identifier type"),
				arguments("{\"event\": \"/kind\", \"identifiers\": {\"Email\": \"/email\"}}",
						"mapping.identifiers.Email",
						"is not an identifier type: use user_id, anonymous_id, email, phone, device_id or a custom type"),
				arguments("{\"event\": \"/kind\", \"identifiers\": {\"e-mail\": \"/email\"}}",
						"mapping.identifiers.e-mail", "is not an identifier type"),
				arguments("{\"event\": \"/kind\", \"identifiers\": {\"email\": {\"const\": \"a@example.com\"}}}",
						"mapping.identifiers.email", "must come from the payload"),
				arguments("{\"event\": \"/kind\", \"identifiers\": {\"email\": \"customer.email\"}}",
						"mapping.identifiers.email", "must be a JSON Pointer (/a/b) or a JSONPath ($.a.b)"),
				arguments("{\"event\": \"/kind\", \"messageId\": {\"const\": \"m-1\"}, " + ids + "}",
						"mapping.messageId",
						"must come from the payload (a JSON Pointer or a JSONPath), not a constant"),
				arguments("{\"event\": \"/kind\", \"timestamp\": {\"const\": \"2025-03-01T10:00:00Z\"}, " + ids + "}",
						"mapping.timestamp", "must come from the payload"),
				arguments("{\"event\": \"/kind\", \"timestamp\": \"purchasedAt\", " + ids + "}", "mapping.timestamp",
						"must be a JSON Pointer (/a/b) or a JSONPath ($.a.b)"),
				arguments("{\"event\": \"/kind\", \"channel\": {\"const\": \"in_store\"}, " + ids + "}",
						"mapping.channel", "must be one of web, mobile, email, support, server"),
				arguments("{\"event\": \"/kind\", \"traits\": [\"/name\"], " + ids + "}", "mapping.traits",
						"must be a JSON object of keys with their expressions"),
				arguments("{\"event\": \"/kind\", \"properties\": {\"total\": \"total\"}, " + ids + "}",
						"mapping.properties.total", "must be a JSON Pointer (/a/b), a JSONPath ($.a.b) or {\"const\""),
				arguments("{\"event\": \"/kind\", \"properties\": {\" \": \"/total\"}, " + ids + "}",
						"mapping.properties", "has a blank key"),
				arguments("[]", "mapping", "must be a JSON object"),
				arguments("\"/kind\"", "mapping", "must be a JSON object"),
				arguments("null", "mapping", "is required for a mapped source"));
	}

	@Test
	void shouldRefuseAMissingMapping() {
		assertThatExceptionOfType(InvalidMappingException.class).isThrownBy(() -> SourceMapping.parse(null))
			.satisfies((ex) -> assertThat(ex.byField()).containsOnlyKeys("mapping"));
	}

	@Test
	void shouldNameEveryProblemAtOnce() {
		InvalidMappingException ex = catchThrowableOfType(InvalidMappingException.class,
				() -> SourceMapping.parse(json("""
						{"type": "track", "colour": "blue", "timestamp": "purchasedAt",
						 "identifiers": {"Email": "/customer/email", "phone": {"const": "+1 415 555 0100"}},
						 "properties": {"total": 12}}""")));

		assertThat(ex.problems()).extracting(Problem::field)
			.containsExactly("mapping.colour", "mapping.timestamp", "mapping.event", "mapping.identifiers.Email",
					"mapping.identifiers.phone", "mapping.properties.total");
		assertThat(ex.byField()).containsKeys("mapping.colour", "mapping.identifiers.Email");
		assertThat(ex.getMessage()).contains("mapping.colour is not a mapping key")
			.contains("mapping.identifiers.phone must come from the payload");
	}

	@Test
	void shouldJoinTwoProblemsOfOneField() {
		InvalidMappingException ex = new InvalidMappingException(
				List.of(new Problem("mapping.a", "first"), new Problem("mapping.a", "second")));

		assertThat(ex.byField()).containsExactly(Map.entry("mapping.a", "first; second"));
	}

}
