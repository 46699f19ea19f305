package io.cdp.contract.json;

import io.cdp.contract.event.CustomerEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;

/**
 * The serde of {@code cdp.events.v1}: a {@link CustomerEvent} as JSON with a top-level
 * {@code "schemaVersion": 1}.
 *
 * <p>
 * The reader checks the version before anything else and refuses a missing or different
 * one with a {@link SerializationException} naming it, so that an incompatible producer
 * is noticed at the first record (and its records reach the dead-letter handler) instead
 * of being read half-right. Within one version, unknown fields are ignored, so fields can
 * be added without a new version. Null payloads (tombstones) read as null. Has a public
 * no-argument constructor so that it can be named in Kafka configuration
 * ({@code default.value.serde}).
 */
public final class CustomerEventSerde implements Serde<CustomerEvent> {

	private static final String SCHEMA_VERSION = "schemaVersion";

	/** Creates the serde. */
	public CustomerEventSerde() {
	}

	@Override
	public Serializer<CustomerEvent> serializer() {
		return CustomerEventSerde::serialize;
	}

	@Override
	public Deserializer<CustomerEvent> deserializer() {
		return CustomerEventSerde::deserialize;
	}

	private static byte @Nullable [] serialize(String topic, @Nullable CustomerEvent event) {
		if (event == null) {
			return null;
		}
		try {
			return CustomerEventWriter.write(event);
		}
		catch (JacksonException ex) {
			throw new SerializationException(
					"cannot write CustomerEvent to topic " + topic + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private static @Nullable CustomerEvent deserialize(String topic, byte @Nullable [] payload) {
		if (payload == null) {
			return null;
		}
		try {
			CustomerEvent event = readVersionFirst(topic, payload);
			if (event != null) {
				return event;
			}
			JsonNode tree = ContractJson.mapper().readTree(payload);
			if (tree == null || !tree.isObject()) {
				throw new SerializationException(
						"cannot read CustomerEvent from topic " + topic + ": the payload is not a JSON object");
			}
			checkSchemaVersion(topic, tree.get(SCHEMA_VERSION));
			return ContractJson.mapper().treeToValue(tree, CustomerEvent.class);
		}
		catch (JacksonException ex) {
			throw new SerializationException(
					"cannot read CustomerEvent from topic " + topic + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Reads an event whose first property is its schema version, as this serde writes it,
	 * in one pass: the version is checked from the parser and the event read from the
	 * properties after it. Anything else (the version elsewhere or absent) is read as a
	 * tree first, whose version is checked wherever it is.
	 * @return the event, or null when the first property is not the version
	 */
	private static @Nullable CustomerEvent readVersionFirst(String topic, byte[] payload) {
		try (JsonParser parser = ContractJson.mapper().createParser(payload)) {
			if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME
					|| !SCHEMA_VERSION.equals(parser.currentName())) {
				return null;
			}
			JsonToken version = parser.nextToken();
			if (version != JsonToken.VALUE_NUMBER_INT) {
				return null;
			}
			if (parser.getNumberType() != JsonParser.NumberType.INT
					|| parser.getIntValue() != CustomerEvent.SCHEMA_VERSION) {
				return null;
			}
			parser.nextToken();
			CustomerEvent event = ContractJson.mapper().readValue(parser, CustomerEvent.class);
			if (parser.nextToken() != null) {
				throw new StreamReadException(parser, "Trailing token after the event");
			}
			return event;
		}
	}

	private static void checkSchemaVersion(String topic, @Nullable JsonNode version) {
		if (version == null || version.isNull()) {
			throw new SerializationException(
					"cannot read CustomerEvent from topic " + topic + ": schemaVersion is missing; "
							+ "this reader supports schemaVersion " + CustomerEvent.SCHEMA_VERSION);
		}
		if (!version.isIntegralNumber() || !version.canConvertToInt()
				|| version.intValue() != CustomerEvent.SCHEMA_VERSION) {
			throw new SerializationException(
					"cannot read CustomerEvent from topic " + topic + ": schemaVersion " + version
							+ " is not supported; this reader supports schemaVersion " + CustomerEvent.SCHEMA_VERSION);
		}
	}

}
