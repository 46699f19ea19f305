package io.cdp.profile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import org.jspecify.annotations.Nullable;

/** Events of a web source, for integration tests to send onto the events topic. */
public final class WebEvents {

	private WebEvents() {
	}

	/**
	 * An event of {@code source-web} on the web channel with a new message id, happening
	 * and received now (to the millisecond), for the test to change further.
	 * @param messageIdPrefix the start of the message id, naming the test
	 * @param type the event type
	 * @param name the event name, null for types without one
	 * @param identifiers the identifiers it carries
	 * @return the builder
	 */
	public static CustomerEventBuilder event(String messageIdPrefix, EventType type, @Nullable String name,
			Identifier... identifiers) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		CustomerEventBuilder builder = CustomerEvent.builder()
			.messageId(messageIdPrefix + UUID.randomUUID())
			.type(type)
			.name(name)
			.channel(Channel.WEB)
			.sourceId("source-web")
			.occurredAt(now)
			.receivedAt(now);
		for (Identifier identifier : identifiers) {
			builder.identifier(identifier);
		}
		return builder;
	}

}
