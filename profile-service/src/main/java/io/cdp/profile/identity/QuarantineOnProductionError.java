package io.cdp.profile.identity;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * A result that cannot be serialized or that Kafka refuses (too large above all) has the
 * source record that caused it quarantined, and the task goes on without that result.
 *
 * <p>
 * The serializers refuse a record over
 * {@link io.cdp.contract.json.RoundTripJsonSerde#MAX_RECORD_BYTES}, so an oversized
 * result is caught here as a serialization error, before the producer sees it, and only
 * that one result is dropped. A send that fails at the broker still reaches
 * {@link #handle}; under exactly-once the producer's transaction is then already aborted,
 * so the task is retried from its last commit whatever is answered, and the record is
 * quarantined once more each time until the thread is replaced.
 */
public final class QuarantineOnProductionError extends QuarantiningHandler implements ProductionExceptionHandler {

	/** Created by Kafka Streams from its configuration. */
	public QuarantineOnProductionError() {
	}

	@Override
	public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
			Exception exception) {
		return quarantine(context, writeReason(exception), exception, context.sourceRawKey(), context.sourceRawValue())
				? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
	}

	@SuppressWarnings("rawtypes")
	@Override
	public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
			ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
		return quarantine(context, writeReason(exception), exception, context.sourceRawKey(), context.sourceRawValue())
				? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
	}

}
