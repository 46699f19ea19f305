package io.cdp.profile.identity;

import java.util.Map;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.profile.quarantine.QuarantineUnavailableException;
import io.cdp.profile.quarantine.QuarantinedRecords;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three exception handlers of the identity topology share: they put the record
 * that failed on the quarantine, with the source record's bytes and coordinates and the
 * sub-topology as its stage, and tell Kafka Streams to continue. When the quarantine
 * itself cannot be written they tell it to fail instead: the stream thread is then
 * replaced and the record tried again, rather than skipped without a trace.
 *
 * <p>
 * Kafka 4.1's handlers can only answer continue or fail; a handler that returns records
 * for a dead-letter topic comes with KIP-1034 in a later version. So the quarantine has
 * its own idempotent producer, outside the task's transaction: should the transaction
 * abort after the handler ran, the record is processed again and may be quarantined
 * twice, with the same coordinates. A record is never skipped without being quarantined.
 */
abstract class QuarantiningHandler implements Configurable {

	/** The Streams configuration key under which the {@link Quarantine} is passed. */
	static final String QUARANTINE_CONFIG = "cdp.quarantine.instance";

	private static final Logger logger = LoggerFactory.getLogger(QuarantiningHandler.class);

	private @Nullable Quarantine quarantine;

	@Override
	public void configure(Map<String, ?> configs) {
		if (!(configs.get(QUARANTINE_CONFIG) instanceof Quarantine configured)) {
			throw new IllegalStateException("The Streams configuration has no " + QUARANTINE_CONFIG);
		}
		this.quarantine = configured;
	}

	/**
	 * Quarantines the source record of the context.
	 * @return whether the quarantine took it, so the record may be skipped
	 */
	protected final boolean quarantine(ErrorHandlerContext context, String reason, Exception failure,
			byte @Nullable [] key, byte @Nullable [] value) {
		String stage = ProfileTopology.stageOf(context.processorNodeId());
		QuarantinedRecord record = QuarantinedRecords.of(stage, reason, QuarantinedRecord.describe(failure),
				context.topic(), context.partition(), context.offset(), key, value);
		try {
			if (this.quarantine == null) {
				throw new IllegalStateException("The handler is used before configure");
			}
			this.quarantine.put(record);
			return true;
		}
		catch (QuarantineUnavailableException | IllegalStateException ex) {
			logger.error("Cannot quarantine the record at {}; failing the stream thread so it is retried",
					record.coordinates(), ex);
			return false;
		}
	}

	/** The reason code of an exception thrown while writing a record. */
	static String writeReason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException) {
				return Reasons.TOO_LARGE;
			}
			if (cause instanceof UnreadableStateException) {
				return Reasons.UNREADABLE_STATE;
			}
			if (cause instanceof SerializationException) {
				return Reasons.UNWRITABLE;
			}
		}
		return Reasons.PROCESSING_FAILED;
	}

}
