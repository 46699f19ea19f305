package io.cdp.ingest.webhook.zendesk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.Signatures;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Reads Zendesk webhooks, one ticket event per call, in either of Zendesk's two formats:
 * a trigger's admin-defined body ({@link ZendeskTriggerPayload}) or an event
 * subscription's fixed one ({@link ZendeskEventPayload}), told apart by the
 * {@code zen:event-type:} prefix of the latter's {@code type}.
 *
 * <p>
 * Zendesk signs every call with {@code base64(HMAC-SHA256(timestamp + body))} keyed with
 * the webhook's signing secret, the timestamp being sent alongside.
 */
@Component
class ZendeskWebhookProvider implements WebhookProvider {

	static final String NAME = "zendesk";

	static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";

	static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

	static final String INVOCATION_HEADER = "X-Zendesk-Webhook-Invocation-Id";

	private static final String EVENT_TYPE_PREFIX = "zen:event-type:";

	private final Duration tolerance;

	ZendeskWebhookProvider(WebhookSignatureProperties properties) {
		this.tolerance = properties.tolerance();
	}

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
		String presented = Signatures.requireHeader(request, SIGNATURE_HEADER);
		String timestamp = Signatures.requireHeader(request, TIMESTAMP_HEADER);
		Signatures.requireFresh(signedAt(timestamp), request.receivedAt(), this.tolerance);
		String expected = Base64.getEncoder()
			.encodeToString(Signatures.hmacSha256(secret, timestamp.getBytes(StandardCharsets.UTF_8), request.body()));
		if (!Signatures.constantTimeEquals(expected, presented)) {
			throw new WebhookSignatureException("the Zendesk signature does not match the body and timestamp");
		}
	}

	@Override
	public List<MessageOutcome> read(WebhookRequest request, Source source) {
		JsonNode body = JsonFields.parseLeniently(request.body()).orElse(null);
		if (body != null && body.isObject()) {
			JsonNode type = body.get("type");
			if (type != null && type.isString() && type.stringValue().startsWith(EVENT_TYPE_PREFIX)) {
				return List.of(MessageOutcome.read(body,
						(item) -> ZendeskEventPayload.map(item, request.receivedAt(), start(request, source))));
			}
			if (body.has("ticket") || body.has("event")) {
				String invocationId = request.header(INVOCATION_HEADER);
				return List.of(MessageOutcome.read(body, (item) -> ZendeskTriggerPayload.map(item, invocationId,
						request.receivedAt(), start(request, source))));
			}
		}
		return List.of(MessageOutcome.rejected(null,
				"a Zendesk webhook body must be a JSON object: a trigger payload with event and ticket, "
						+ "or a Zendesk event with a zen:event-type: type",
				request.bodyText()));
	}

	private static CustomerEventBuilder start(WebhookRequest request, Source source) {
		return CustomerEvent.builder()
			.type(EventType.TRACK)
			.channel(source.channel())
			.sourceId(source.id())
			.receivedAt(request.receivedAt());
	}

	private static Instant signedAt(String timestamp) {
		Instant signedAt = JsonFields.offsetDateTime(timestamp);
		if (signedAt == null) {
			throw new WebhookSignatureException("the header " + TIMESTAMP_HEADER + " is not an ISO-8601 time");
		}
		return signedAt;
	}

}
