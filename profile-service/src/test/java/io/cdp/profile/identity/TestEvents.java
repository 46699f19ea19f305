package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;

/**
 * Builds canonical events for identity tests, each received one second after the previous
 * one unless a time is given, so that "older profile" has a definite meaning.
 */
final class TestEvents {

	private Instant clock = Instant.parse("2026-03-01T09:00:00Z");

	private int sequence;

	Instant now() {
		return this.clock;
	}

	CustomerEvent track(String name, Channel channel, String... identifiers) {
		return builder(EventType.TRACK, channel, identifiers).name(name).build();
	}

	CustomerEvent page(Channel channel, String... identifiers) {
		return builder(EventType.PAGE, channel, identifiers).name("Home").build();
	}

	CustomerEvent identify(Channel channel, Map<String, Object> traits, String... identifiers) {
		return builder(EventType.IDENTIFY, channel, identifiers).traits(traits).build();
	}

	CustomerEvent identifyAt(Instant occurredAt, Map<String, Object> traits, String... identifiers) {
		return builder(EventType.IDENTIFY, Channel.WEB, identifiers).traits(traits).occurredAt(occurredAt).build();
	}

	CustomerEvent alias(String previousId, String userId) {
		return builder(EventType.ALIAS, Channel.WEB, "user_id:" + userId).previousId(previousId).build();
	}

	CustomerEvent group(String groupId, String... identifiers) {
		return builder(EventType.GROUP, Channel.WEB, identifiers).groupId(groupId)
			.traits(Map.of("name", "Acme"))
			.build();
	}

	/**
	 * The same event (same messageId) delivered again, as an SDK retry or webhook
	 * re-delivery.
	 */
	static CustomerEvent redelivered(CustomerEvent event, Instant receivedAt) {
		return new CustomerEvent(event.messageId(), event.type(), event.name(), event.channel(), event.sourceId(),
				event.identifiers(), event.previousId(), event.groupId(), event.traits(), event.properties(),
				event.context(), event.occurredAt(), receivedAt);
	}

	CustomerEventBuilder builder(EventType type, Channel channel, String... identifiers) {
		this.clock = this.clock.plus(Duration.ofSeconds(1));
		this.sequence++;
		CustomerEventBuilder builder = CustomerEvent.builder()
			.messageId("m-" + this.sequence)
			.type(type)
			.channel(channel)
			.sourceId("source-" + channel.wireName())
			.occurredAt(this.clock)
			.receivedAt(this.clock);
		for (String identifier : identifiers) {
			builder.identifier(Identifier.parse(identifier));
		}
		return builder;
	}

}
