package io.cdp.ingest.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates and hashes write keys. A key is 24 random bytes (192 bits), so a plain SHA-256
 * is enough to store it: nobody can guess such a key from its hash, unlike a password,
 * and a fast hash lets every request find its source by the hash in memory.
 */
final class WriteKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private WriteKeys() {
	}

	/** A new random write key, 32 URL-safe characters. */
	static String generate() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Hex SHA-256 of the key, as stored. */
	static String hash(String writeKey) {
		return HexFormat.of().formatHex(sha256(writeKey));
	}

	/** SHA-256 of a secret's UTF-8 bytes, for storage and constant-time comparison. */
	static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

	/** A new source id, {@code src_} and 16 hex characters. */
	static String newSourceId() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return "src_" + HexFormat.of().formatHex(bytes);
	}

}
