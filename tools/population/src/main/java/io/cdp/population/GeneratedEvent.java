package io.cdp.population;

import java.time.Instant;

/**
 * One event of the population: the Segment message a channel sends, and whose it is.
 *
 * @param personId the person the event belongs to (the ground truth)
 * @param channel the channel that sent it
 * @param messageId the message's {@code messageId}
 * @param type the message's {@code type}: {@code page}, {@code screen}, {@code track} or
 * {@code identify}
 * @param name the event or page name, empty for identify
 * @param occurredAt when it happened (the message's {@code timestamp})
 * @param json the message as sent, one element of a {@code /v1/batch} request
 */
public record GeneratedEvent(String personId, Channel channel, String messageId, String type, String name,
		Instant occurredAt, String json) {

}
