package io.cdp.ingest.webhook.intercom;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.webhook.Signatures;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads Intercom webhook notifications, {@code {"type": "notification_event", "topic",
 * "id", "created_at", "data": {"item"}}}, one per call. Topics are mapped by
 * {@link IntercomEvents}; a {@code ping} carries no customer event and yields none.
 *
 * <p>
 * Intercom signs the raw body with HMAC-SHA1 keyed with the app's client secret and sends
 * {@code X-Hub-Signature: sha1=<hex>}. The signature carries no timestamp, so replays are
 * not refused here; they repeat the notification id and are deduplicated downstream.
 */
@Component
class IntercomWebhookProvider implements WebhookProvider {

	static final String NAME = "intercom";

	static final String SIGNATURE_HEADER = "X-Hub-Signature";

	private static final String SIGNATURE_PREFIX = "sha1=";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel defaultChannel() {
		return Channel.SUPPORT;
	}

	@Override
	public void verifySignature(WebhookRequest request, String secret) {
		String presented = Signatures.requireHeader(request, SIGNATURE_HEADER).toLowerCase(Locale.ROOT);
		if (!presented.startsWith(SIGNATURE_PREFIX)) {
			throw new WebhookSignatureException("the header " + SIGNATURE_HEADER + " must have the form sha1=<hex>");
		}
		String expected = SIGNATURE_PREFIX + Signatures.hex(Signatures.hmacSha1(secret, request.body()));
		if (!Signatures.constantTimeEquals(expected, presented)) {
			throw new WebhookSignatureException("the Intercom signature does not match the body");
		}
	}

	@Override
	public List<MessageOutcome> read(WebhookRequest request, Source source) {
		JsonNode body = JsonFields.parseLeniently(request.body()).orElse(null);
		if (body == null || !body.isObject() || !(body.has("topic") || isNotification(body))) {
			return List.of(MessageOutcome.rejected(null,
					"an Intercom webhook body must be a notification_event JSON object with a topic",
					request.bodyText()));
		}
		JsonNode topic = body.get("topic");
		if (topic != null && topic.isString() && IntercomEvents.PING_TOPIC.equals(topic.stringValue())) {
			return List.of();
		}
		return List.of(MessageOutcome.read(body, (item) -> toEvent(item, request, source)));
	}

	private CustomerEvent toEvent(JsonNode body, WebhookRequest request, Source source) {
		String topic = JsonFields.requiredText(body, "topic");
		IntercomEvents.Mapping mapping = IntercomEvents.of(topic);
		if (mapping == null) {
			throw new InvalidFieldException("topic", "unsupported Intercom topic '" + topic + "'");
		}
		JsonFields.require(JsonFields.object(body, IntercomPeople.ITEM), IntercomPeople.ITEM);
		Instant occurredAt = JsonFields.require(JsonFields.epochSeconds(body, "created_at"), "created_at");
		CustomerEventBuilder event = CustomerEvent.builder()
			.messageId(messageId(body, topic))
			.type(mapping.type())
			.name(mapping.name())
			.channel(source.channel())
			.sourceId(source.id())
			.context(Map.of("integration", Map.of("name", NAME, "event", topic)))
			.occurredAt(occurredAt)
			.receivedAt(request.receivedAt());
		IntercomPeople.identifiers(body, mapping.conversation()).forEach(event::identifier);
		if (mapping.conversation()) {
			event.properties(IntercomConversations.properties(body, mapping));
		}
		else {
			event.traits(IntercomPeople.traits(body));
		}
		return event.build();
	}

	private static String messageId(JsonNode body, String topic) {
		String notificationId = JsonFields.text(body, "id");
		if (notificationId != null) {
			// Intercom retries a notification with the same id.
			return MessageIds.fromProviderId(NAME, notificationId);
		}
		// Without an id: one topic about one item at one time is one notification; the
		// part that caused it, when there is one, tells apart two replies in one second.
		String itemId = JsonFields.text(body, IntercomPeople.ITEM + ".id");
		String createdAt = JsonFields.text(body, "created_at");
		String partId = JsonFields.text(body, IntercomConversations.PART + ".id");
		return (partId != null) ? MessageIds.derived(NAME, topic, itemId, createdAt, partId)
				: MessageIds.derived(NAME, topic, itemId, createdAt);
	}

	private static boolean isNotification(JsonNode body) {
		JsonNode type = body.get("type");
		return type != null && type.isString() && "notification_event".equals(type.stringValue());
	}

}
