package io.cdp.profile.destination;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Seals the destinations' signing secrets for PostgreSQL with AES-GCM under the key of
 * {@code cdp.destinations.secret-key}. The service must sign with the secret itself, so a
 * one-way hash would not do; sealed, a copy of the database alone reveals nothing. A
 * sealed secret is a version byte, a random 12-byte nonce and the ciphertext with its
 * tag.
 */
final class SecretBox {

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final byte[] CONTEXT = "cdp destination secret".getBytes(StandardCharsets.UTF_8);

	private static final String PREFIX = "whsec_";

	private final @Nullable SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	/**
	 * A box with the configured key.
	 * @param base64Key Base64 of 16, 24 or 32 bytes; blank for none
	 * @throws IllegalArgumentException if the key is not such Base64
	 */
	SecretBox(String base64Key) {
		if (base64Key.isBlank()) {
			this.key = null;
			return;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("cdp.destinations.secret-key must be Base64", ex);
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalArgumentException(
					"cdp.destinations.secret-key must be Base64 of 16, 24 or 32 bytes, not " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	/** Whether a key is configured. */
	boolean configured() {
		return this.key != null;
	}

	/** A new signing secret: {@code whsec_} and 32 random bytes in URL-safe Base64. */
	String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	byte[] seal(String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinalUnchecked(secret.getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
	}

	String open(byte[] sealed) {
		if (sealed.length <= 1 + NONCE_BYTES || sealed[0] != VERSION) {
			throw new IllegalStateException("A sealed destination secret has an unknown format");
		}
		byte[] nonce = new byte[NONCE_BYTES];
		System.arraycopy(sealed, 1, nonce, 0, NONCE_BYTES);
		byte[] ciphertext = new byte[sealed.length - 1 - NONCE_BYTES];
		System.arraycopy(sealed, 1 + NONCE_BYTES, ciphertext, 0, ciphertext.length);
		return new String(cipher(Cipher.DECRYPT_MODE, nonce).doFinalUnchecked(ciphertext), StandardCharsets.UTF_8);
	}

	private Gcm cipher(int mode, byte[] nonce) {
		if (this.key == null) {
			throw new IllegalStateException("cdp.destinations.secret-key is not configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(CONTEXT);
			return new Gcm(cipher);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	private record Gcm(Cipher cipher) {

		byte[] doFinalUnchecked(byte[] input) {
			try {
				return this.cipher.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				// A wrong key or a changed ciphertext: never the secret in the message.
				throw new IllegalStateException("A destination secret cannot be opened with the configured key", ex);
			}
		}

	}

}
