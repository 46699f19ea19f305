package io.cdp.ingest.webhook.mailgun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static io.cdp.ingest.webhook.WebhookFixtures.RECEIVED_AT;
import static io.cdp.ingest.webhook.WebhookFixtures.bytes;
import static io.cdp.ingest.webhook.WebhookFixtures.json;
import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailgunSignatureTests {

	private static final String SIGNING_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

	private final MailgunWebhookProvider provider = new MailgunWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("mailgun", Channel.EMAIL, null);

	private final Source signedSource = source("mailgun", Channel.EMAIL, SIGNING_KEY);

	@Test
	void shouldAcceptAValidSignature() {
		WebhookRequest call = signed("mailgun/delivered.json", RECEIVED_AT.minusSeconds(20), SIGNING_KEY);

		assertThatNoException().isThrownBy(() -> this.provider.verify(call, this.signedSource));
	}

	@Test
	void shouldRejectASignatureMadeWithAnotherKey() {
		WebhookRequest call = signed("mailgun/delivered.json", RECEIVED_AT, "key-someone-else");

		assertThatThrownBy(() -> this.provider.verify(call, this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match")
			.hasMessageNotContaining(SIGNING_KEY)
			.hasMessageNotContaining(signature(RECEIVED_AT, SIGNING_KEY));
	}

	@Test
	void shouldRejectAStaleMailgunSignature() {
		WebhookRequest call = signed("mailgun/delivered.json", RECEIVED_AT.minus(Duration.ofMinutes(5).plusSeconds(1)),
				SIGNING_KEY);

		assertThatThrownBy(() -> this.provider.verify(call, this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("stale");
	}

	@Test
	void shouldRequireASignatureWhenTheSourceHasAKey() {
		ObjectNode body = json("mailgun/delivered.json");
		body.remove("signature");
		ObjectNode noToken = signedBody("mailgun/delivered.json", RECEIVED_AT, SIGNING_KEY);
		((ObjectNode) noToken.get("signature")).remove("token");

		assertThatThrownBy(() -> this.provider.verify(request(bytes(body), Map.of()), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("no Mailgun signature");
		assertThatThrownBy(() -> this.provider.verify(request(bytes(noToken), Map.of()), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("token");
		assertThatThrownBy(() -> this.provider.verify(request(bytes("not json"), Map.of()), this.signedSource))
			.isInstanceOf(WebhookSignatureException.class);
	}

	@Test
	void shouldNotVerifyWhenTheSourceHasNoKey() {
		WebhookRequest staleAndUnsigned = request(resource("mailgun/delivered.json"), Map.of());

		assertThatNoException().isThrownBy(() -> this.provider.verify(staleAndUnsigned, this.unsigned));
	}

	private static WebhookRequest signed(String resource, Instant signedAt, String key) {
		return request(bytes(signedBody(resource, signedAt, key)), Map.of());
	}

	private static ObjectNode signedBody(String resource, Instant signedAt, String key) {
		ObjectNode body = json(resource);
		ObjectNode signature = body.putObject("signature");
		signature.put("timestamp", String.valueOf(signedAt.getEpochSecond()));
		signature.put("token", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
		signature.put("signature", signature(signedAt, key));
		return body;
	}

	/** Signs as Mailgun does: hex HMAC-SHA256 of timestamp and token. */
	private static String signature(Instant signedAt, String key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signed = (signedAt.getEpochSecond() + "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0")
				.getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(mac.doFinal(signed));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
