package io.cdp.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pieces every provider's signature check is made of: keyed hashes over the exact
 * bytes received, comparisons that take the same time whatever the input, required
 * headers and the freshness window that stops replays.
 *
 * <p>
 * Every failure is a {@link WebhookSignatureException} whose message names what failed
 * but never the secret or the expected signature, because it reaches logs and the 401
 * response.
 */
public final class Signatures {

	private static final HexFormat HEX = HexFormat.of();

	private Signatures() {
	}

	/**
	 * Returns the HMAC-SHA256 of the parts, in order, keyed with the UTF-8 bytes of the
	 * secret.
	 * @param secret the shared secret as the provider shows it
	 * @param parts the signed bytes, concatenated in this order
	 * @return the MAC
	 */
	public static byte[] hmacSha256(String secret, byte[]... parts) {
		return hmac("HmacSHA256", secret, parts);
	}

	/**
	 * Returns the HMAC-SHA1 of the parts, in order, keyed with the UTF-8 bytes of the
	 * secret. SHA-1 is weak as a plain digest but still sound inside an HMAC, and some
	 * providers (Intercom) sign with nothing else.
	 * @param secret the shared secret as the provider shows it
	 * @param parts the signed bytes, concatenated in this order
	 * @return the MAC
	 */
	public static byte[] hmacSha1(String secret, byte[]... parts) {
		return hmac("HmacSHA1", secret, parts);
	}

	/**
	 * Returns the lower-case hex form of a MAC.
	 * @param mac the bytes
	 * @return two hex digits per byte
	 */
	public static String hex(byte[] mac) {
		return HEX.formatHex(mac);
	}

	/**
	 * Compares an expected signature with the one presented in time that does not depend
	 * on where they first differ, so that an attacker cannot find the signature byte by
	 * byte by timing the answers.
	 * @param expected the signature computed here
	 * @param presented the signature the request carries
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String expected, String presented) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns a header the signature check needs.
	 * @param request the webhook call
	 * @param name the header name
	 * @return its first value, not blank
	 * @throws WebhookSignatureException if the header is missing or blank
	 */
	public static String requireHeader(WebhookRequest request, String name) {
		String value = request.header(name);
		if (value == null || value.isBlank()) {
			throw new WebhookSignatureException("the signature header " + name + " is missing");
		}
		return value.strip();
	}

	/**
	 * Checks that a signed timestamp is close to the time the call was received, so that
	 * a captured request cannot be replayed later. Both directions count: a timestamp far
	 * in the future is as suspect as an old one.
	 * @param signedAt the time the provider signed
	 * @param receivedAt the time the call was received
	 * @param tolerance the largest accepted difference
	 * @throws WebhookSignatureException if the difference is larger
	 */
	public static void requireFresh(Instant signedAt, Instant receivedAt, Duration tolerance) {
		if (Duration.between(signedAt, receivedAt).abs().compareTo(tolerance) > 0) {
			throw new WebhookSignatureException("the signature timestamp " + signedAt + " is stale: more than "
					+ tolerance + " away from the time of receipt");
		}
	}

	private static byte[] hmac(String algorithm, String secret, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// Every Java runtime ships both algorithms and accepts any non-empty key.
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

}
