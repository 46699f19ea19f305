package io.cdp.profile.identity;

import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record on any source topic of the topology (the events topic or an internal one) that
 * cannot be read goes to the quarantine with its bytes, and the task goes on.
 */
public final class QuarantineOnDeserializationError extends QuarantiningHandler
		implements DeserializationExceptionHandler {

	/** Created by Kafka Streams from its configuration. */
	public QuarantineOnDeserializationError() {
	}

	@Override
	public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
			Exception exception) {
		return quarantine(context, Reasons.UNREADABLE, exception, record.key(), record.value())
				? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
	}

}
