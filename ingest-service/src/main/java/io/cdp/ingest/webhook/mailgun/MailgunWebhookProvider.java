package io.cdp.ingest.webhook.mailgun;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.webhook.Signatures;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads Mailgun's JSON webhooks: {@code {"signature": {...}, "event-data": {...}}}, one
 * event per call.
 *
 * <p>
 * The signature is the hex HMAC-SHA256 of {@code timestamp + token} keyed with the
 * webhook signing key. It does not cover the event data, so the freshness window is what
 * stops an old signature from being reused; a replay inside the window carries the same
 * event id and is deduplicated downstream.
 */
@Component
class MailgunWebhookProvider implements WebhookProvider {

	static final String NAME = "mailgun";

	private final Duration tolerance;

	MailgunWebhookProvider(WebhookSignatureProperties properties) {
		this.tolerance = properties.tolerance();
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
	public void verifySignature(WebhookRequest request, String signingKey) {
		JsonNode body = JsonFields.parseLeniently(request.body()).orElse(null);
		JsonNode signature = (body != null && body.isObject()) ? body.get("signature") : null;
		if (signature == null || !signature.isObject()) {
			throw new WebhookSignatureException("the body carries no Mailgun signature object");
		}
		String timestamp = signatureField(signature, "timestamp");
		String token = signatureField(signature, "token");
		String presented = signatureField(signature, "signature");
		Signatures.requireFresh(epochSeconds(timestamp), request.receivedAt(), this.tolerance);
		String expected = Signatures.hex(Signatures.hmacSha256(signingKey, timestamp.getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8)));
		if (!Signatures.constantTimeEquals(expected, presented.toLowerCase(Locale.ROOT))) {
			throw new WebhookSignatureException("the Mailgun signature does not match the timestamp and token");
		}
	}

	@Override
	public List<MessageOutcome> read(WebhookRequest request, Source source) {
		JsonNode body = JsonFields.parseLeniently(request.body()).orElse(null);
		if (body == null || !body.isObject() || !body.path("event-data").isObject()) {
			return List.of(MessageOutcome.rejected(null,
					"a Mailgun webhook body must be a JSON object with an event-data object", request.bodyText()));
		}
		return List.of(MessageOutcome.read(body, (item) -> toEvent(item, request, source)));
	}

	private CustomerEvent toEvent(JsonNode body, WebhookRequest request, Source source) {
		String event = JsonFields.requiredText(body, "event-data.event");
		String severity = JsonFields.text(body, "event-data.severity");
		String name = MailgunEvents.nameOf(event, severity);
		if (name == null) {
			throw new InvalidFieldException("event-data.event", "unknown Mailgun event type '" + event + "'");
		}
		String recipient = JsonFields.requiredText(body, "event-data.recipient");
		Instant occurredAt = JsonFields.require(JsonFields.epochSeconds(body, "event-data.timestamp"),
				"event-data.timestamp");
		return CustomerEvent.builder()
			.messageId(messageId(body, event, recipient))
			.type(EventType.TRACK)
			.name(name)
			.channel(source.channel())
			.sourceId(source.id())
			.identifier(new Identifier(IdentifierType.EMAIL, recipient))
			.properties(properties(body))
			.context(Map.of("integration", Map.of("name", NAME, "event", event)))
			.occurredAt(occurredAt)
			.receivedAt(request.receivedAt())
			.build();
	}

	/** Mailgun's fields in the names the SendGrid mapping uses for the same facts. */
	private static Map<String, @Nullable Object> properties(JsonNode body) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		JsonFields.putPresent(properties, "message_id", JsonFields.text(body, "event-data.message.headers.message-id"));
		JsonFields.putPresent(properties, "subject", JsonFields.text(body, "event-data.message.headers.subject"));
		JsonFields.putPresent(properties, "url", JsonFields.text(body, "event-data.url"));
		JsonFields.putPresent(properties, "severity", JsonFields.text(body, "event-data.severity"));
		JsonFields.putPresent(properties, "reason", JsonFields.text(body, "event-data.reason"));
		JsonFields.putPresent(properties, "status", JsonFields.value(body, "event-data.delivery-status.code"));
		JsonFields.putPresent(properties, "response", JsonFields.text(body, "event-data.delivery-status.message"));
		JsonFields.putPresent(properties, "attempt", JsonFields.value(body, "event-data.delivery-status.attempt-no"));
		JsonFields.putPresent(properties, "tags", JsonFields.value(body, "event-data.tags"));
		JsonFields.putPresent(properties, "user_variables", JsonFields.value(body, "event-data.user-variables"));
		JsonFields.putPresent(properties, "useragent", JsonFields.text(body, "event-data.client-info.user-agent"));
		JsonFields.putPresent(properties, "ip", JsonFields.text(body, "event-data.ip"));
		return properties;
	}

	private static String messageId(JsonNode body, String event, String recipient) {
		String eventId = JsonFields.text(body, "event-data.id");
		if (eventId != null) {
			// Mailgun's event id is unique per event and repeated on every retry.
			return MessageIds.fromProviderId(NAME, eventId);
		}
		// Without an id: these fields are the same on every retry of one event and
		// differ between events of one message.
		return MessageIds.derived(NAME, event, recipient, JsonFields.text(body, "event-data.timestamp"),
				JsonFields.text(body, "event-data.message.headers.message-id"),
				JsonFields.text(body, "event-data.url"));
	}

	private static String signatureField(JsonNode signature, String name) {
		JsonNode value = signature.get(name);
		if (value == null || !(value.isString() || value.isNumber()) || value.asString().isBlank()) {
			throw new WebhookSignatureException("the Mailgun signature has no " + name);
		}
		return value.asString().strip();
	}

	private static Instant epochSeconds(String timestamp) {
		try {
			return Instant.ofEpochSecond(Long.parseLong(timestamp));
		}
		catch (NumberFormatException | DateTimeException ex) {
			throw new WebhookSignatureException("the Mailgun signature timestamp is not seconds since the epoch");
		}
	}

}
