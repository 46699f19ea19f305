package io.cdp.ingest.webhook.sendgrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.cdp.ingest.webhook.Signatures;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;

/**
 * Checks SendGrid's Signed Event Webhook: an ECDSA P-256 signature with SHA-256 over the
 * timestamp header followed by the raw body, sent base64-encoded in DER form. SendGrid
 * signs with a private key it keeps and shows the matching public key (base64 of the
 * X.509 SubjectPublicKeyInfo), which is what the source holds: so unlike the HMAC
 * providers, the configured value is not a secret.
 */
final class SendGridSignature {

	static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";

	static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

	private final Duration tolerance;

	SendGridSignature(Duration tolerance) {
		this.tolerance = tolerance;
	}

	/**
	 * Verifies a call.
	 * @param request the call
	 * @param verificationKey the public key as SendGrid shows it, with or without PEM
	 * armour
	 * @throws WebhookSignatureException if a header is missing, the timestamp is stale,
	 * the key is unusable or the signature does not match
	 */
	void verify(WebhookRequest request, String verificationKey) {
		String signature = Signatures.requireHeader(request, SIGNATURE_HEADER);
		String timestamp = Signatures.requireHeader(request, TIMESTAMP_HEADER);
		Signatures.requireFresh(epochSeconds(timestamp), request.receivedAt(), this.tolerance);
		byte[] der = decodeSignature(signature);
		try {
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(publicKey(verificationKey));
			verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
			verifier.update(request.body());
			if (!verifier.verify(der)) {
				throw mismatch();
			}
		}
		catch (SignatureException ex) {
			// A signature that is not valid DER cannot match either.
			throw mismatch();
		}
		catch (InvalidKeyException ex) {
			throw unusableKey();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA256withECDSA is not available", ex);
		}
	}

	private static Instant epochSeconds(String timestamp) {
		try {
			return Instant.ofEpochSecond(Long.parseLong(timestamp));
		}
		catch (NumberFormatException | DateTimeException ex) {
			throw new WebhookSignatureException("the header " + TIMESTAMP_HEADER + " is not seconds since the epoch");
		}
	}

	private static byte[] decodeSignature(String signature) {
		try {
			return Base64.getDecoder().decode(signature);
		}
		catch (IllegalArgumentException ex) {
			throw new WebhookSignatureException("the header " + SIGNATURE_HEADER + " is not base64");
		}
	}

	private static PublicKey publicKey(String verificationKey) {
		String base64 = verificationKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | InvalidKeySpecException ex) {
			throw unusableKey();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("EC keys are not available", ex);
		}
	}

	private static WebhookSignatureException mismatch() {
		return new WebhookSignatureException("the SendGrid signature does not match the body and timestamp");
	}

	private static WebhookSignatureException unusableKey() {
		// The call cannot be proven authentic, so it is refused like a bad signature; the
		// message sends the operator to the source's configuration.
		return new WebhookSignatureException(
				"the source's SendGrid verification key is not a base64 X.509 EC public key");
	}

}
