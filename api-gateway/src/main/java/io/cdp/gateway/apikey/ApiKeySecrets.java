package io.cdp.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates and hashes API keys. A key is {@code cdp_} and 32 random bytes (256 bits), so a
 * plain SHA-256 is enough to store it: unlike a password it cannot be guessed from its
 * hash, and a fast hash lets every request find its key in memory.
 */
final class ApiKeySecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * One digest per thread: every request hashes the key it presents, and looking the
	 * algorithm up costs more than hashing a key.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ApiKeySecrets::sha256);

	private ApiKeySecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "cdp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String key) {
		return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

	static String newId() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return "key_" + HexFormat.of().formatHex(bytes);
	}

}
