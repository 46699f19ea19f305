package io.cdp.ingest.webhook.zendesk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.junit.jupiter.api.Test;

import static io.cdp.ingest.webhook.WebhookFixtures.RECEIVED_AT;
import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZendeskSignatureTests {

	private static final String SIGNING_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

	private final ZendeskWebhookProvider provider = new ZendeskWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("zendesk", Channel.SUPPORT, null);

	private final Source signedSource = source("zendesk", Channel.SUPPORT, SIGNING_SECRET);

	@Test
	void shouldAcceptAValidSignature() {
		byte[] body = resource("zendesk/ticket-created.json");
		String timestamp = "2025-03-01T10:15:02Z";

		assertThatNoException().isThrownBy(() -> this.provider.verify(
				request(body, signatureHeaders(timestamp, sign(SIGNING_SECRET, timestamp, body))), this.signedSource));
	}

	@Test
	void shouldRejectASignatureOverAnotherBody() {
		String timestamp = "2025-03-01T10:15:02Z";
		String signature = sign(SIGNING_SECRET, timestamp, resource("zendesk/ticket-created.json"));
		WebhookRequest tampered = request(resource("zendesk/ticket-solved.json"),
				signatureHeaders(timestamp, signature));

		assertThatThrownBy(() -> this.provider.verify(tampered, this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match")
			.hasMessageNotContaining(SIGNING_SECRET)
			.hasMessageNotContaining(sign(SIGNING_SECRET, timestamp, resource("zendesk/ticket-solved.json")));
	}

	@Test
	void shouldRejectAMissingSignatureOrTimestamp() {
		byte[] body = resource("zendesk/ticket-created.json");
		String timestamp = "2025-03-01T10:15:02Z";

		assertThatThrownBy(() -> this.provider.verify(request(body, Map.of()), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining(ZendeskWebhookProvider.SIGNATURE_HEADER);
		assertThatThrownBy(() -> this.provider.verify(
				request(body, Map.of(ZendeskWebhookProvider.SIGNATURE_HEADER, sign(SIGNING_SECRET, timestamp, body))),
				this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining(ZendeskWebhookProvider.TIMESTAMP_HEADER);
	}

	@Test
	void shouldRejectAStaleZendeskSignature() {
		byte[] body = resource("zendesk/ticket-created.json");
		String old = RECEIVED_AT.minus(Duration.ofMinutes(7)).toString();

		assertThatThrownBy(() -> this.provider
			.verify(request(body, signatureHeaders(old, sign(SIGNING_SECRET, old, body))), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("stale");
	}

	@Test
	void shouldNotVerifyWhenTheSourceHasNoSecret() {
		assertThatNoException().isThrownBy(
				() -> this.provider.verify(request(resource("zendesk/ticket-created.json"), Map.of()), this.unsigned));
	}

	private static Map<String, String> signatureHeaders(String timestamp, String signature) {
		return Map.of(ZendeskWebhookProvider.TIMESTAMP_HEADER, timestamp, ZendeskWebhookProvider.SIGNATURE_HEADER,
				signature);
	}

	/** Signs as Zendesk does: base64 of HMAC-SHA256 over timestamp and body. */
	private static String sign(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
