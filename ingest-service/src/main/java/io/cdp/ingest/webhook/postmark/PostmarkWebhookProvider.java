package io.cdp.ingest.webhook.postmark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
import io.cdp.ingest.webhook.Signatures;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads Postmark's webhooks: one JSON record per call, told apart by its
 * {@code RecordType} ({@code Delivery}, {@code Bounce}, {@code Open}, {@code Click},
 * {@code SpamComplaint}, {@code SubscriptionChange}).
 *
 * <p>
 * Postmark signs nothing. It calls the webhook URL with the credentials written into it,
 * {@code https://<user>:<password>@host/v1/webhooks/postmark}, as HTTP Basic: the user
 * name is the source's write key, found by the controller like every other Basic write
 * key, and when the source has a signing secret the password must equal it. The password
 * is compared in constant time; a call without it, or with another one, is refused. A
 * replayed call repeats the record and so its derived message id, and is deduplicated
 * downstream.
 */
@Component
class PostmarkWebhookProvider implements WebhookProvider {

	static final String NAME = "postmark";

	private static final String BASIC = "basic ";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Channel defaultChannel() {
		return Channel.EMAIL;
	}

	@Override
	public void verifySignature(WebhookRequest request, String secret) {
		String password = basicPassword(request.header(HttpHeaders.AUTHORIZATION));
		if (!Signatures.constantTimeEquals(secret, password)) {
			throw new WebhookSignatureException(
					"the HTTP Basic password of the Postmark webhook URL does not match the source's signing secret");
		}
	}

	@Override
	public List<MessageOutcome> read(WebhookRequest request, Source source) {
		JsonNode body = JsonFields.parseLeniently(request.body()).orElse(null);
		if (body == null || !body.isObject() || !body.has("RecordType")) {
			return List.of(MessageOutcome.rejected(null,
					"a Postmark webhook body must be a JSON object with a RecordType", request.bodyText()));
		}
		return List.of(MessageOutcome.read(body, (item) -> toEvent(item, request, source)));
	}

	private CustomerEvent toEvent(JsonNode body, WebhookRequest request, Source source) {
		String recordType = JsonFields.requiredText(body, "RecordType");
		Boolean suppressSending = null;
		if (PostmarkEvents.SUBSCRIPTION_CHANGE.equals(recordType)) {
			suppressSending = JsonFields.require(JsonFields.bool(body, "SuppressSending"), "SuppressSending");
		}
		String name = PostmarkEvents.nameOf(recordType, suppressSending);
		if (name == null) {
			throw new InvalidFieldException("RecordType", "unsupported Postmark record type '" + recordType + "'");
		}
		String email = recipient(body, recordType);
		String timeField = PostmarkEvents.timeField(recordType);
		Instant occurredAt = JsonFields.require(JsonFields.isoInstant(body, timeField), timeField);
		return CustomerEvent.builder()
			.messageId(messageId(body, recordType, email, timeField, suppressSending))
			.type(EventType.TRACK)
			.name(name)
			.channel(source.channel())
			.sourceId(source.id())
			.identifier(new Identifier(IdentifierType.EMAIL, email))
			.properties(PostmarkProperties.of(body, recordType))
			.context(Map.of("integration", Map.of("name", NAME, "event", recordType)))
			.occurredAt(occurredAt)
			.receivedAt(request.receivedAt())
			.build();
	}

	/**
	 * The address the record is about: {@code Email} on bounces and spam complaints,
	 * {@code Recipient} on the others; either is taken when the other is missing.
	 */
	private static String recipient(JsonNode body, String recordType) {
		boolean bounceRecord = "Bounce".equals(recordType) || "SpamComplaint".equals(recordType);
		String field = bounceRecord ? "Email" : "Recipient";
		String fallback = bounceRecord ? "Recipient" : "Email";
		String email = JsonFields.text(body, field);
		return (email != null) ? email : JsonFields.require(JsonFields.text(body, fallback), field);
	}

	/**
	 * Postmark records carry no id of their own (a bounce's {@code ID} is the bounce's),
	 * so the id is derived from what a retry repeats and what tells two records apart:
	 * the message, the record type, the address, the record's own time as sent, and the
	 * bounce id, the clicked link and the direction of a subscription change where they
	 * apply.
	 */
	private static String messageId(JsonNode body, String recordType, String email, String timeField,
			@Nullable Boolean suppressSending) {
		return MessageIds.derived(NAME, recordType, JsonFields.text(body, "MessageID"), email,
				JsonFields.text(body, timeField), JsonFields.text(body, "ID"), JsonFields.text(body, "OriginalLink"),
				(suppressSending != null) ? suppressSending.toString() : null, JsonFields.text(body, "MessageStream"));
	}

	private static String basicPassword(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			throw new WebhookSignatureException(
					"the Postmark call carries no HTTP Basic credentials; put the write key "
							+ "and the signing secret into the webhook URL as user name and password");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new WebhookSignatureException("the HTTP Basic credentials are not valid base64");
		}
		int colon = decoded.indexOf(':');
		if (colon < 0 || colon == decoded.length() - 1) {
			throw new WebhookSignatureException("the HTTP Basic credentials of the Postmark call carry no password");
		}
		return decoded.substring(colon + 1);
	}

}
