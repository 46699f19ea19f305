package io.cdp.contract.event;

import java.time.Instant;
import java.util.Map;

/** Valid events for tests of this module, built from one fully populated track call. */
public final class TestEvents {

	/** When the test events were received. */
	public static final Instant RECEIVED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

	private TestEvents() {
	}

	/**
	 * Returns a builder for a track event with every component set.
	 * @return the builder
	 */
	public static CustomerEventBuilder track() {
		return CustomerEvent.builder()
			.messageId("msg-1")
			.type(EventType.TRACK)
			.name("Order Completed")
			.channel(Channel.WEB)
			.sourceId("web-shop")
			.identifier(new Identifier(IdentifierType.USER_ID, "u-42"))
			.identifier(new Identifier(IdentifierType.EMAIL, "ada@example.com"))
			.traits(Map.of("plan", "pro"))
			.properties(Map.of("revenue", 19.99, "currency", "EUR"))
			.context(Map.of("ip", "203.0.113.7"))
			.occurredAt(RECEIVED_AT.minusSeconds(5))
			.receivedAt(RECEIVED_AT);
	}

	/**
	 * Returns a valid event of the given type on the given channel.
	 * @param type the event type
	 * @param channel the channel
	 * @return the event
	 */
	public static CustomerEvent of(EventType type, Channel channel) {
		return track().type(type).channel(channel).previousId("anon-1").groupId("acme").build();
	}

}
