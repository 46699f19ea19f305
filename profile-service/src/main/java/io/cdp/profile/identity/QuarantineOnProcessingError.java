package io.cdp.profile.identity;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A processor that throws on a record (a defect, or a result too large to keep in a
 * store) has its source record quarantined, and the task goes on with the next one.
 *
 * <p>
 * Exactly-once does not undo the part of the failed record's work that was done before
 * the exception: stores written and records forwarded stay in the transaction, which
 * commits. The processors are written for that: they read and decide first and write
 * last, and the gather step marks a messageId as seen only once the event went out, so
 * that a quarantined event replayed after a fix is not dropped as a duplicate.
 */
public final class QuarantineOnProcessingError extends QuarantiningHandler implements ProcessingExceptionHandler {

	/** Created by Kafka Streams from its configuration. */
	public QuarantineOnProcessingError() {
	}

	@Override
	public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
		return quarantine(context, writeReason(exception), exception, context.sourceRawKey(), context.sourceRawValue())
				? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
	}

}
