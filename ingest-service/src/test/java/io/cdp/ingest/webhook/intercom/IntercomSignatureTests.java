package io.cdp.ingest.webhook.intercom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookSignatureException;
import org.junit.jupiter.api.Test;

import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntercomSignatureTests {

	private static final String CLIENT_SECRET = "9f2c4e1a-intercom-client-secret-7b3d";

	private final IntercomWebhookProvider provider = new IntercomWebhookProvider();

	private final Source unsigned = source("intercom", Channel.SUPPORT, null);

	private final Source signedSource = source("intercom", Channel.SUPPORT, CLIENT_SECRET);

	@Test
	void shouldAcceptAValidSignatureInEitherCase() {
		byte[] body = resource("intercom/conversation-user-created.json");

		assertThatNoException().isThrownBy(() -> this.provider
			.verify(request(body, Map.of("X-Hub-Signature", "sha1=" + hmacSha1(body))), this.signedSource));
		assertThatNoException().isThrownBy(() -> this.provider.verify(
				request(body, Map.of("x-hub-signature", "sha1=" + hmacSha1(body).toUpperCase(Locale.ROOT))),
				this.signedSource));
	}

	@Test
	void shouldRejectASignatureOverAnotherBody() {
		byte[] signedBody = resource("intercom/conversation-user-created.json");
		byte[] otherBody = resource("intercom/conversation-admin-closed.json");

		assertThatThrownBy(() -> this.provider
			.verify(request(otherBody, Map.of("X-Hub-Signature", "sha1=" + hmacSha1(signedBody))), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match")
			.hasMessageNotContaining(CLIENT_SECRET)
			.hasMessageNotContaining(hmacSha1(otherBody));
	}

	@Test
	void shouldRejectAMissingOrMalformedSignature() {
		byte[] body = resource("intercom/conversation-user-created.json");

		assertThatThrownBy(() -> this.provider.verify(request(body, Map.of()), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("X-Hub-Signature");
		assertThatThrownBy(
				() -> this.provider.verify(request(body, Map.of("X-Hub-Signature", hmacSha1(body))), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("sha1=");
	}

	@Test
	void shouldNotVerifyWhenTheSourceHasNoSecret() {
		assertThatNoException().isThrownBy(() -> this.provider
			.verify(request(resource("intercom/conversation-user-created.json"), Map.of()), this.unsigned));
	}

	/** Signs as Intercom does: hex HMAC-SHA1 of the body with the client secret. */
	private static String hmacSha1(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
