package io.cdp.ingest.segment;

import java.time.Instant;

import io.cdp.contract.event.EventType;
import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.segment.SegmentMessageReader.BatchDefaults;
import io.cdp.ingest.source.Source;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads one tracking API message again, with today's rules, as the dead-letter store's
 * replay needs: the message as it was kept on the dead-letter topic (without the write
 * key, its batch's context and sentAt, or the caller's address, none of which were kept).
 * A message sent to a single-call path carries no {@code type}; one with an {@code event}
 * is read as the track it must have been, any other keeps failing on its missing type.
 */
@Component
public class SegmentMessageRereader {

	private final SegmentMessageReader messages;

	SegmentMessageRereader(IngestLimits limits) {
		this.messages = new SegmentMessageReader(limits.maxMessageSize().toBytes());
	}

	/**
	 * Reads a message as the tracking API would have.
	 * @param message the message
	 * @param source its source
	 * @param receivedAt when it was first received
	 * @return the event, or the reason it is still refused
	 */
	public MessageOutcome reread(JsonNode message, Source source, Instant receivedAt) {
		return this.messages.read(message, pathType(message), BatchDefaults.NONE, source, receivedAt, null);
	}

	private static @Nullable EventType pathType(JsonNode message) {
		boolean typed = message.isObject() && message.has("type");
		return (!typed && message.isObject() && message.has("event")) ? EventType.TRACK : null;
	}

}
