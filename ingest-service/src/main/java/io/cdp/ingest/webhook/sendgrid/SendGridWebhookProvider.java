package io.cdp.ingest.webhook.sendgrid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads SendGrid's Event Webhook: a JSON array of events, each about one recipient. Each
 * element becomes one track event; an element that cannot be mapped is rejected on its
 * own.
 */
@Component
class SendGridWebhookProvider implements WebhookProvider {

	static final String NAME = "sendgrid";

	private final SendGridSignature signature;

	SendGridWebhookProvider(WebhookSignatureProperties properties) {
		this.signature = new SendGridSignature(properties.tolerance());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel defaultChannel() {
		return Channel.EMAIL;
	}

	@Override
	public void verifySignature(WebhookRequest request, String verificationKey) {
		this.signature.verify(request, verificationKey);
	}

	@Override
	public List<MessageOutcome> read(WebhookRequest request, Source source) {
		JsonNode events = JsonFields.parseLeniently(request.body()).orElse(null);
		if (events == null || !events.isArray()) {
			return List.of(MessageOutcome.rejected(null, "a SendGrid Event Webhook body must be a JSON array of events",
					request.bodyText()));
		}
		List<MessageOutcome> outcomes = new ArrayList<>(events.size());
		for (JsonNode event : events) {
			outcomes.add(MessageOutcome.read(event, (item) -> toEvent(item, request, source)));
		}
		return outcomes;
	}

	private CustomerEvent toEvent(JsonNode item, WebhookRequest request, Source source) {
		String event = JsonFields.requiredText(item, "event");
		String name = SendGridEvents.nameOf(event);
		if (name == null) {
			throw new InvalidFieldException("event", "unknown SendGrid event type '" + event + "'");
		}
		String email = JsonFields.requiredText(item, "email");
		Instant occurredAt = JsonFields.require(JsonFields.epochSeconds(item, "timestamp"), "timestamp");
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		for (String field : SendGridEvents.PROPERTIES) {
			JsonFields.putPresent(properties, field, JsonFields.value(item, field));
		}
		return CustomerEvent.builder()
			.messageId(messageId(item, event, email))
			.type(EventType.TRACK)
			.name(name)
			.channel(source.channel())
			.sourceId(source.id())
			.identifier(new Identifier(IdentifierType.EMAIL, email))
			.properties(properties)
			.context(Map.of("integration", Map.of("name", NAME, "event", event)))
			.occurredAt(occurredAt)
			.receivedAt(request.receivedAt())
			.build();
	}

	private static String messageId(JsonNode item, String event, String email) {
		String eventId = JsonFields.text(item, "sg_event_id");
		if (eventId != null) {
			// SendGrid documents sg_event_id as unique per event and made for
			// deduplication.
			return MessageIds.fromProviderId(NAME, eventId);
		}
		// Events from before SendGrid added sg_event_id: the same fields arrive on every
		// retry, and together they tell one event of one message apart from the others.
		return MessageIds.derived(NAME, event, email, JsonFields.text(item, "timestamp"),
				JsonFields.text(item, "sg_message_id"), JsonFields.text(item, "url"));
	}

}
