package io.cdp.profile.cx;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.CxFacts;
import org.jspecify.annotations.Nullable;

/** Events of one person for the customer-experience tests, and their facts. */
final class CxEvents {

	private CxEvents() {
	}

	static CustomerEvent track(String messageId, String name, Channel channel, Instant at,
			Map<String, ? extends @Nullable Object> properties) {
		return event(messageId, EventType.TRACK, name, channel, at, properties, Map.of());
	}

	static CustomerEvent event(String messageId, EventType type, @Nullable String name, Channel channel, Instant at,
			Map<String, ? extends @Nullable Object> properties, Map<String, ? extends @Nullable Object> context) {
		return CustomerEvent.builder()
			.messageId(messageId)
			.type(type)
			.name(name)
			.groupId((type == EventType.GROUP) ? "g-1" : null)
			.previousId((type == EventType.ALIAS) ? "old-id" : null)
			.channel(channel)
			.sourceId("source-" + channel.wireName())
			.identifier(Identifier.parse("user_id:u-1"))
			.properties(properties)
			.context(context)
			.occurredAt(at)
			.receivedAt(at)
			.build();
	}

	/** The facts of the events, counted in the order given under the default rules. */
	static @Nullable CxFacts facts(List<CustomerEvent> events) {
		return facts(events, CxRules.defaults());
	}

	static @Nullable CxFacts facts(List<CustomerEvent> events, CxRules rules) {
		CxFacts facts = null;
		for (CustomerEvent event : events) {
			facts = CxRecorder.record(facts, event, rules);
		}
		return facts;
	}

}
