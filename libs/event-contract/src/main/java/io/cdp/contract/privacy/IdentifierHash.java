package io.cdp.contract.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.cdp.contract.event.Identifier;

/**
 * The name of an identifier on the suppression list: the SHA-256 of its normalised key
 * ({@code type:value}, as the identity rules normalise it), in lower-case hex, so that
 * the list can be shared with every service without holding the identifiers.
 */
public final class IdentifierHash {

	private IdentifierHash() {
	}

	/**
	 * The hash of a normalised identifier.
	 * @param identifier the identifier, normalised
	 * @return 64 hex digits
	 */
	public static String of(Identifier identifier) {
		return ofKey(identifier.key());
	}

	/**
	 * The hash of a normalised identifier's key.
	 * @param key {@code type:value}
	 * @return 64 hex digits
	 */
	public static String ofKey(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
