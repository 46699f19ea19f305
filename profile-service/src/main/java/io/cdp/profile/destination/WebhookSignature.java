package io.cdp.profile.destination;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code CDP-Signature} header of a webhook request:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC keyed with the destination's
 * secret (its UTF-8 bytes, {@code whsec_} included) over the timestamp, a dot and the
 * body as sent. A receiver recomputes it and compares in constant time, and refuses a
 * timestamp too far from its clock, which stops a captured request from being replayed
 * later.
 */
final class WebhookSignature {

	/** The header's name. */
	static final String HEADER = "CDP-Signature";

	private WebhookSignature() {
	}

	/**
	 * The header's value.
	 * @param secret the destination's secret
	 * @param unixSeconds the time of signing
	 * @param body the body as sent
	 * @return {@code t=...,v1=...}
	 */
	static String header(String secret, long unixSeconds, byte[] body) {
		return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
	}

	/**
	 * The hex MAC of a body at a time.
	 * @param secret the destination's secret
	 * @param unixSeconds the time of signing
	 * @param body the body as sent
	 * @return lower-case hex of HMAC-SHA256(secret, t + "." + body)
	 */
	static String hmac(String secret, long unixSeconds, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
