package io.cdp.profile.quarantine;

import java.time.Instant;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds quarantined records the same way at every stage: the original bytes when they
 * fit on the quarantine topic, and the event's sourceId and messageId when they can still
 * be read from them.
 */
public final class QuarantinedRecords {

	/**
	 * The most original bytes kept: base64 makes them a third larger, and the quarantine
	 * record must stay under the topic's default 1 MiB.
	 */
	static final int MAX_KEPT_BYTES = 600_000;

	private QuarantinedRecords() {
	}

	/**
	 * A quarantined record.
	 * @param stage where it failed
	 * @param reason the reason code
	 * @param error what went wrong
	 * @param topic the original topic, or null
	 * @param partition its partition, or -1
	 * @param offset its offset, or -1
	 * @param key the original key bytes, or null
	 * @param value the original value bytes, or null
	 * @return the record, with the value left out (and said so) when too large to keep
	 */
	public static QuarantinedRecord of(String stage, String reason, String error, @Nullable String topic, int partition,
			long offset, byte @Nullable [] key, byte @Nullable [] value) {
		String text = error;
		byte[] keptKey = key;
		byte[] keptValue = value;
		if (keptKey != null && keptKey.length > MAX_KEPT_BYTES) {
			text += " [key of " + keptKey.length + " bytes not kept: too large for the quarantine topic]";
			keptKey = null;
		}
		if (keptValue != null && keptValue.length > MAX_KEPT_BYTES) {
			text += " [value of " + keptValue.length + " bytes not kept: too large for the quarantine topic]";
			keptValue = null;
		}
		JsonNode tree = tree(keptValue);
		return new QuarantinedRecord(stage, reason, text, topic, partition, offset, keptKey, keptValue,
				field(tree, "sourceId"), field(tree, "messageId"), Instant.now());
	}

	/**
	 * The counter every quarantine increments, {@code cdp.quarantine{stage,reason}}.
	 * @param meters the registry
	 * @param stage the stage
	 * @param reason the reason code
	 * @return the counter
	 */
	public static Counter counter(MeterRegistry meters, String stage, String reason) {
		return Counter.builder("cdp.quarantine")
			.description("Records a stage took in but could not process, put on the quarantine topic")
			.tag("stage", stage)
			.tag("reason", reason)
			.register(meters);
	}

	private static @Nullable JsonNode tree(byte @Nullable [] value) {
		if (value == null) {
			return null;
		}
		try {
			return ContractJson.mapper().readTree(value);
		}
		catch (RuntimeException ex) {
			// Unreadable bytes are why most records are here: no ids then.
			return null;
		}
	}

	/** A text field at the top or in the wrapped event, as internal records carry it. */
	private static @Nullable String field(@Nullable JsonNode tree, String name) {
		if (tree == null || !tree.isObject()) {
			return null;
		}
		JsonNode value = tree.get(name);
		if ((value == null || !value.isString()) && tree.get("event") != null) {
			value = tree.get("event").get(name);
		}
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
