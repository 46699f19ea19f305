package io.cdp.ingest.collect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of a successful ingest response. {@code success} is there because the Segment
 * libraries expect it; {@code accepted} counts events taken (safely on Kafka, or
 * suppressed); {@code rejected} names, by position in the request, each message that went
 * to the dead-letter topic instead.
 *
 * @param success always true: the request as a whole was taken
 * @param accepted how many events were taken: acknowledged by Kafka, or dropped because a
 * privacy request suppresses the person they name, which the answer does not tell apart
 * @param rejected the rejected messages, in request order
 */
public record IngestReceipt(boolean success, int accepted, List<RejectedMessage> rejected) {

	public IngestReceipt {
		rejected = List.copyOf(rejected);
	}

	/**
	 * One rejected message.
	 *
	 * @param index position of the message in the request (0 for a single message)
	 * @param field the field at fault, if one is
	 * @param reason what is wrong
	 */
	public record RejectedMessage(int index, @Nullable String field, String reason) {

	}

}
