package io.cdp.contract.caller;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The caller identity the API gateway hands to the services behind it, in the
 * {@value #NAME} header:
 * {@code v=1;key=<key name>;scopes=<sorted, comma-separated>;ts=<unix
 * seconds>;sig=<hex HMAC-SHA256 of everything before ";sig=">}. Signed with a secret
 * shared by the gateway and the services, so a client cannot forge it and a call around
 * the gateway has none.
 */
public final class CallerHeader {

	/** The header's name. */
	public static final String NAME = "X-CDP-Caller";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec secret;

	/**
	 * One initialised {@link Mac} per thread: {@code Mac.getInstance} looks the provider
	 * up and {@code init} derives the HMAC pads from the secret, both far dearer than
	 * signing a header, so neither runs per request. A {@code Mac} is not thread-safe,
	 * and {@code doFinal} resets it for the next use.
	 */
	private final ThreadLocal<Mac> macs;

	/**
	 * Creates a codec for the shared secret.
	 * @param secret the secret; must not be blank
	 */
	public CallerHeader(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException("the internal secret must not be blank");
		}
		this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * Writes a signed header value.
	 * @param keyName the API key's name
	 * @param scopes its scopes
	 * @param at when the gateway let the request through
	 * @return the header value
	 */
	public String write(String keyName, Set<String> scopes, Instant at) {
		String signed = "v=1;key=" + keyName + ";scopes=" + String.join(",", new TreeSet<>(scopes)) + ";ts="
				+ at.getEpochSecond();
		return signed + ";sig=" + sign(signed);
	}

	/**
	 * Reads and checks a header value.
	 * @param value the header value, or null when the request has none
	 * @param now the current time
	 * @param maxAge how old a signature may be, against replays of a captured header
	 * @return the caller, or empty when the header is missing, malformed, badly signed or
	 * too old
	 */
	public Optional<Caller> read(@Nullable String value, Instant now, Duration maxAge) {
		if (value == null) {
			return Optional.empty();
		}
		int signature = value.lastIndexOf(";sig=");
		if (signature < 0) {
			return Optional.empty();
		}
		String signed = value.substring(0, signature);
		byte[] expected = sign(signed).getBytes(StandardCharsets.US_ASCII);
		byte[] given = value.substring(signature + ";sig=".length()).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return Optional.empty();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String part : signed.split(";")) {
			int equals = part.indexOf('=');
			if (equals > 0) {
				fields.put(part.substring(0, equals), part.substring(equals + 1));
			}
		}
		if (!"1".equals(fields.get("v")) || fields.get("key") == null || fields.get("ts") == null) {
			return Optional.empty();
		}
		Instant signedAt;
		try {
			signedAt = Instant.ofEpochSecond(Long.parseLong(fields.get("ts")));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (Duration.between(signedAt, now).abs().compareTo(maxAge) > 0) {
			return Optional.empty();
		}
		String scopes = fields.getOrDefault("scopes", "");
		return Optional
			.of(new Caller(fields.get("key"), scopes.isEmpty() ? Set.of() : Set.copyOf(List.of(scopes.split(",")))));
	}

	private String sign(String value) {
		return HexFormat.of().formatHex(this.macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.secret);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is required of every Java runtime", ex);
		}
	}

	/**
	 * Who is calling, as the gateway vouches.
	 *
	 * @param keyName the API key's name (never the key)
	 * @param scopes what it may do ({@code profiles:read}, {@code events:read},
	 * {@code admin})
	 */
	public record Caller(String keyName, Set<String> scopes) {

		public Caller {
			Objects.requireNonNull(keyName, "keyName must not be null");
			scopes = Set.copyOf(scopes);
		}

	}

}
