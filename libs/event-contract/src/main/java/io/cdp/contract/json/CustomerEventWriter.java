package io.cdp.contract.json;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a {@link CustomerEvent} as the JSON of {@code cdp.events.v1} straight onto a
 * generator of {@link ContractJson#mapper()}, byte for byte what the mapper writes for
 * the record (its tests compare the two on every kind of value), at a fraction of the
 * cost: the mapper looks up a serializer for every value of the free-form maps, which
 * made writing the event the largest single cost of the ingest-service.
 *
 * <p>
 * The shape: {@code schemaVersion} first, then the components in their order; absent
 * optional ones ({@code name}, {@code previousId}, {@code groupId}) left out, maps
 * written even when empty and with their null values, times in ISO-8601 UTC as
 * {@link Instant#toString()} writes them. Values of the maps that JSON reading makes
 * (maps with text keys, lists, strings, booleans, ints, longs, doubles) are written here;
 * any other value (a big number, a time a mapper put in) is handed to the mapper, which
 * writes it as it always did.
 */
final class CustomerEventWriter {

	private CustomerEventWriter() {
	}

	/**
	 * Writes an event.
	 * @param event the event
	 * @return its JSON as UTF-8
	 */
	static byte[] write(CustomerEvent event) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try (JsonGenerator json = ContractJson.mapper().createGenerator(out)) {
			json.writeStartObject();
			json.writeNumberProperty("schemaVersion", CustomerEvent.SCHEMA_VERSION);
			json.writeStringProperty("messageId", event.messageId());
			json.writeStringProperty("type", event.type().wireName());
			optional(json, "name", event.name());
			json.writeStringProperty("channel", event.channel().wireName());
			json.writeStringProperty("sourceId", event.sourceId());
			json.writeName("identifiers");
			identifiers(json, event.identifiers());
			optional(json, "previousId", event.previousId());
			optional(json, "groupId", event.groupId());
			json.writeName("traits");
			map(json, event.traits());
			json.writeName("properties");
			map(json, event.properties());
			json.writeName("context");
			map(json, event.context());
			json.writeStringProperty("occurredAt", event.occurredAt().toString());
			json.writeStringProperty("receivedAt", event.receivedAt().toString());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void optional(JsonGenerator json, String name, @Nullable String value) {
		if (value != null) {
			json.writeStringProperty(name, value);
		}
	}

	private static void identifiers(JsonGenerator json, List<Identifier> identifiers) {
		json.writeStartArray();
		for (Identifier identifier : identifiers) {
			json.writeStartObject();
			json.writeStringProperty("type", identifier.type().name());
			json.writeStringProperty("value", identifier.value());
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void map(JsonGenerator json, Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				// A key serializer's business: not made by reading JSON.
				ContractJson.mapper().writeValue(json, map);
				return;
			}
		}
		json.writeStartObject();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			json.writeName((String) entry.getKey());
			value(json, entry.getValue());
		}
		json.writeEndObject();
	}

	private static void value(JsonGenerator json, @Nullable Object value) {
		switch (value) {
			case null -> json.writeNull();
			case String text -> json.writeString(text);
			case Integer number -> json.writeNumber(number.intValue());
			case Long number -> json.writeNumber(number.longValue());
			case Double number -> json.writeNumber(number.doubleValue());
			case Boolean bool -> json.writeBoolean(bool);
			case Map<?, ?> map -> map(json, map);
			case List<?> list -> {
				json.writeStartArray();
				for (Object element : list) {
					value(json, element);
				}
				json.writeEndArray();
			}
			default -> ContractJson.mapper().writeValue(json, value);
		}
	}

}
