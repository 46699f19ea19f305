package io.cdp.ingest.webhook.sendgrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import io.cdp.ingest.webhook.WebhookSignatureProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.cdp.ingest.webhook.WebhookFixtures.RECEIVED_AT;
import static io.cdp.ingest.webhook.WebhookFixtures.bytes;
import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGridSignatureTests {

	private static KeyPair sendGridKeys;

	private static String verificationKey;

	private final SendGridWebhookProvider provider = new SendGridWebhookProvider(WebhookSignatureProperties.defaults());

	private final Source unsigned = source("sendgrid", Channel.EMAIL, null);

	@BeforeAll
	static void generateSendGridsKeyPair() throws GeneralSecurityException {
		sendGridKeys = generateKeyPair();
		verificationKey = Base64.getEncoder().encodeToString(sendGridKeys.getPublic().getEncoded());
	}

	@Test
	void shouldAcceptAValidSignature() throws GeneralSecurityException {
		byte[] body = resource("sendgrid/events.json");
		String timestamp = String.valueOf(RECEIVED_AT.getEpochSecond() - 30);

		assertThatNoException().isThrownBy(() -> this.provider.verify(signed(body, timestamp), signedSource()));
	}

	@Test
	void shouldAcceptAVerificationKeyInPemArmour() throws GeneralSecurityException {
		byte[] body = resource("sendgrid/events.json");
		String pem = "-----BEGIN PUBLIC KEY-----\n" + verificationKey.substring(0, 64) + "\n"
				+ verificationKey.substring(64) + "\n-----END PUBLIC KEY-----\n";

		assertThatNoException()
			.isThrownBy(() -> this.provider.verify(signed(body, String.valueOf(RECEIVED_AT.getEpochSecond())),
					source("sendgrid", Channel.EMAIL, pem)));
	}

	@Test
	void shouldRejectAMissingSignature() {
		WebhookRequest unsignedCall = request(resource("sendgrid/events.json"),
				Map.of(SendGridSignature.TIMESTAMP_HEADER, String.valueOf(RECEIVED_AT.getEpochSecond())));

		assertThatThrownBy(() -> this.provider.verify(unsignedCall, signedSource()))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining(SendGridSignature.SIGNATURE_HEADER);
	}

	@Test
	void shouldRejectASignatureOverAnotherBody() throws GeneralSecurityException {
		String timestamp = String.valueOf(RECEIVED_AT.getEpochSecond());
		WebhookRequest genuine = signed(resource("sendgrid/events.json"), timestamp);
		WebhookRequest tampered = request(resource("sendgrid/mixed-with-bad-event.json"),
				Map.of(SendGridSignature.TIMESTAMP_HEADER, timestamp, SendGridSignature.SIGNATURE_HEADER,
						genuine.header(SendGridSignature.SIGNATURE_HEADER)));

		assertThatThrownBy(() -> this.provider.verify(tampered, signedSource()))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match")
			.hasMessageNotContaining(verificationKey);
	}

	@Test
	void shouldRejectASignatureMadeWithAnotherKey() throws GeneralSecurityException {
		KeyPair other = generateKeyPair();
		byte[] body = resource("sendgrid/events.json");
		String timestamp = String.valueOf(RECEIVED_AT.getEpochSecond());
		WebhookRequest forged = request(body, Map.of(SendGridSignature.TIMESTAMP_HEADER, timestamp,
				SendGridSignature.SIGNATURE_HEADER, sign(other, timestamp, body)));

		assertThatThrownBy(() -> this.provider.verify(forged, signedSource()))
			.isInstanceOf(WebhookSignatureException.class);
	}

	@Test
	void shouldRejectASignatureThatIsNotBase64Der() {
		WebhookRequest garbled = request(resource("sendgrid/events.json"),
				Map.of(SendGridSignature.TIMESTAMP_HEADER, String.valueOf(RECEIVED_AT.getEpochSecond()),
						SendGridSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(bytes("not der"))));

		assertThatThrownBy(() -> this.provider.verify(garbled, signedSource()))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match");
	}

	@Test
	void shouldRejectAStaleSendGridTimestamp() throws GeneralSecurityException {
		byte[] body = resource("sendgrid/events.json");
		String sixMinutesOld = String.valueOf(RECEIVED_AT.minus(Duration.ofMinutes(6)).getEpochSecond());
		String sixMinutesAhead = String.valueOf(RECEIVED_AT.plus(Duration.ofMinutes(6)).getEpochSecond());

		assertThatThrownBy(() -> this.provider.verify(signed(body, sixMinutesOld), signedSource()))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("stale");
		assertThatThrownBy(() -> this.provider.verify(signed(body, sixMinutesAhead), signedSource()))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("stale");
	}

	@Test
	void shouldAcceptAnOlderTimestampWithinAConfiguredTolerance() throws GeneralSecurityException {
		SendGridWebhookProvider lenient = new SendGridWebhookProvider(
				new WebhookSignatureProperties(Duration.ofMinutes(10)));
		String sixMinutesOld = String.valueOf(RECEIVED_AT.minus(Duration.ofMinutes(6)).getEpochSecond());

		assertThatNoException()
			.isThrownBy(() -> lenient.verify(signed(resource("sendgrid/events.json"), sixMinutesOld), signedSource()));
	}

	@Test
	void shouldRejectACallWhenTheConfiguredKeyIsUnusable() throws GeneralSecurityException {
		WebhookRequest call = signed(resource("sendgrid/events.json"), String.valueOf(RECEIVED_AT.getEpochSecond()));

		assertThatThrownBy(() -> this.provider.verify(call, source("sendgrid", Channel.EMAIL, "not-a-key")))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("verification key")
			.hasMessageNotContaining("not-a-key");
	}

	@Test
	void shouldNotVerifyWhenTheSourceHasNoKey() {
		WebhookRequest unsignedCall = request(resource("sendgrid/events.json"), Map.of());

		assertThatNoException().isThrownBy(() -> this.provider.verify(unsignedCall, this.unsigned));
		assertThatNoException()
			.isThrownBy(() -> this.provider.verify(unsignedCall, source("sendgrid", Channel.EMAIL, " ")));
	}

	private static Source signedSource() {
		return source("sendgrid", Channel.EMAIL, verificationKey);
	}

	private static WebhookRequest signed(byte[] body, String timestamp) throws GeneralSecurityException {
		return request(body, Map.of(SendGridSignature.TIMESTAMP_HEADER, timestamp, SendGridSignature.SIGNATURE_HEADER,
				sign(sendGridKeys, timestamp, body)));
	}

	/** Signs as SendGrid does: ECDSA P-256 with SHA-256 over timestamp and body, DER. */
	private static String sign(KeyPair keys, String timestamp, byte[] body) throws GeneralSecurityException {
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(keys.getPrivate());
		signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
		signer.update(body);
		return Base64.getEncoder().encodeToString(signer.sign());
	}

	private static KeyPair generateKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

}
