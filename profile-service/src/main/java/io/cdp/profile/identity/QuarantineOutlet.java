package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.profile.quarantine.QuarantinedRecords;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor's way to the quarantine: records it finds it cannot use are forwarded to
 * its quarantine sink, so that they are written in the same transaction as the rest of
 * its output, and counted.
 */
final class QuarantineOutlet {

	private static final Logger logger = LoggerFactory.getLogger(QuarantineOutlet.class);

	private final ProcessorContext<String, Object> context;

	private final String stage;

	private final String sink;

	private final IdentityMetrics metrics;

	QuarantineOutlet(ProcessorContext<String, Object> context, String stage, String sink, IdentityMetrics metrics) {
		this.context = context;
		this.stage = stage;
		this.sink = sink;
		this.metrics = metrics;
	}

	/**
	 * Reads a store, treating a value that cannot be read as absent once its bytes are
	 * quarantined (reason {@code unreadable-state}, topic the store's changelog, the key
	 * as key): one corrupt entry must not wedge the task that owns it.
	 */
	<V> @Nullable V read(KeyValueStore<String, V> store, String storeName, String key, long timestamp) {
		try {
			return store.get(key);
		}
		catch (UnreadableStateException ex) {
			String changelog = this.context.applicationId() + "-" + storeName + "-changelog";
			logger.warn("Unreadable value in store {} of task {}; quarantined and treated as absent", storeName,
					this.context.taskId());
			put(QuarantinedRecords.of(this.stage, Reasons.UNREADABLE_STATE, QuarantinedRecord.describe(ex), changelog,
					this.context.taskId().partition(), -1, key.getBytes(StandardCharsets.UTF_8), ex.state()),
					timestamp);
			return null;
		}
	}

	/**
	 * Quarantines a value that could not be written to a store (reason as the production
	 * handler names it, {@code too-large} for one larger than a record may be; topic the
	 * store's changelog, the key as key, no bytes), so that the task goes on without it.
	 */
	void unwritable(String storeName, String key, RuntimeException failure, long timestamp) {
		String changelog = this.context.applicationId() + "-" + storeName + "-changelog";
		logger.warn("A value for store {} of task {} cannot be written; quarantined, the store keeps the last one",
				storeName, this.context.taskId());
		put(QuarantinedRecords.of(this.stage, QuarantiningHandler.writeReason(failure),
				QuarantinedRecord.describe(failure), changelog, this.context.taskId().partition(), -1,
				key.getBytes(StandardCharsets.UTF_8), null), timestamp);
	}

	/**
	 * Quarantines the record being processed, with the given bytes as its value.
	 * @param reason the reason code
	 * @param error what is wrong with it
	 * @param key the record's key
	 * @param value its value as bytes
	 * @param timestamp its timestamp
	 */
	void current(String reason, String error, @Nullable String key, byte @Nullable [] value, long timestamp) {
		RecordMetadata source = this.context.recordMetadata().orElse(null);
		put(QuarantinedRecords.of(this.stage, reason, error, (source != null) ? source.topic() : null,
				(source != null) ? source.partition() : -1, (source != null) ? source.offset() : -1,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value), timestamp);
	}

	private void put(QuarantinedRecord record, long timestamp) {
		this.context.forward(new Record<String, Object>(record.stage(), record, timestamp), this.sink);
		this.metrics.quarantined(record.stage(), record.reason());
	}

}
