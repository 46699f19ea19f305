package io.cdp.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cdp.gateway.apikey.Scope;

/**
 * Builds the {@code X-CDP-Caller} header that tells a service who called:
 *
 * <pre>
 * X-CDP-Caller: v=1;key=support-console;scopes=events:read,profiles:read;ts=1795000000;sig=&lt;hex&gt;
 * </pre>
 *
 * {@code sig} is the lower-case hex HMAC-SHA256, under the shared internal secret, of
 * everything before {@code ;sig=} (UTF-8). Scopes are sorted and comma-separated;
 * {@code ts} is the Unix time in seconds when the gateway forwarded the request, so a
 * service can refuse stale or replayed headers. Key names are restricted to
 * {@code [A-Za-z0-9._-]}, so the value needs no escaping.
 */
final class CallerSignature {

	static final String HEADER = "X-CDP-Caller";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec secret;

	CallerSignature(String secret) {
		this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	String header(Caller caller, Instant at) {
		String scopes = String.join(",", caller.scopes().stream().map(Scope::wireName).sorted().toList());
		String signed = "v=1;key=" + caller.keyName() + ";scopes=" + scopes + ";ts=" + at.getEpochSecond();
		return signed + ";sig=" + sign(signed);
	}

	String sign(String value) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.secret);
			return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is required of every Java runtime", ex);
		}
	}

}
