package io.cdp.ingest.source;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Finds the source of a request from its write key, presented the ways the SDKs present
 * it: HTTP Basic with the key as user name and an empty password (RudderStack,
 * analytics-java 3.5.5 and later), or a {@code writeKey} field in the body (analytics.js,
 * analytics-swift, analytics-kotlin, older analytics-java). The header wins when both are
 * there.
 */
@Component
public class SourceAuthenticator {

	private static final String BASIC = "basic ";

	private final SourceRegistry registry;

	SourceAuthenticator(SourceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The enabled source owning the key.
	 * @throws UnknownWriteKeyException when no key is presented or none matches an
	 * enabled source
	 */
	public Source authenticate(@Nullable String authorization, @Nullable String bodyWriteKey) {
		String writeKey = basicUser(authorization);
		if (writeKey == null || writeKey.isEmpty()) {
			writeKey = bodyWriteKey;
		}
		if (writeKey == null || writeKey.isBlank()) {
			throw new UnknownWriteKeyException(
					"A write key is required: HTTP Basic with the key as user name, or writeKey in the body");
		}
		return this.registry.findByWriteKey(writeKey.strip())
			.orElseThrow(() -> new UnknownWriteKeyException("The write key is unknown or its source is disabled"));
	}

	private static @Nullable String basicUser(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : decoded;
		}
		catch (IllegalArgumentException ex) {
			throw new UnknownWriteKeyException("The Basic credentials are not valid base64");
		}
	}

}
