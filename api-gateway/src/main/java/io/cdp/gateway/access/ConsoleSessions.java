package io.cdp.gateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.cdp.gateway.apikey.ApiKey;
import io.cdp.gateway.apikey.ApiKeyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The console's sign-in sessions: an API key, presented once, is exchanged for a random
 * session id that a browser keeps in an {@code HttpOnly} cookie, so the key itself never
 * sits where a page's scripts could read it.
 * <p>
 * A session holds the SHA-256 of the key (as {@code gateway.api_keys} does), never the
 * key, and is stored under the SHA-256 of its id, so neither a copy of the store nor a
 * log of it signs anybody in. Each use resolves the key again through
 * {@link ApiKeyRegistry}: a revoked key ends its sessions at once, and a session has
 * exactly the key's scopes. A session ends after
 * {@link ConsoleSessionProperties#idleTimeout()} without use, and
 * {@link ConsoleSessionProperties#maxLifetime()} after sign-in whatever its use.
 */
public class ConsoleSessions {

	/**
	 * The header the console sends with every request (value {@code 1}); a cookie-signed
	 * request that changes something is refused without it.
	 */
	public static final String CONSOLE_HEADER = "X-CDP-Console";

	private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SessionStore store;

	private final ApiKeyRegistry keys;

	private final ConsoleSessionProperties properties;

	private final Clock clock;

	ConsoleSessions(SessionStore store, ApiKeyRegistry keys, ConsoleSessionProperties properties, Clock clock) {
		this.store = store;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Signs in with a presented API key.
	 * @return the new session, or empty when the key is unknown or revoked
	 */
	public Mono<Optional<SignedIn>> signIn(String presentedKey) {
		Optional<ApiKey> key = this.keys.authenticate(presentedKey.strip());
		if (key.isEmpty()) {
			return Mono.just(Optional.empty());
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		StoredSession session = new StoredSession(key.get().keyHash(), now);
		return this.store.save(storeKey(sessionId), session, this.properties.idleTimeout())
			.thenReturn(
					Optional.of(new SignedIn(sessionId, caller(key.get()), now.plus(this.properties.maxLifetime()))));
	}

	/**
	 * The caller a session id stands for, extending its idle time; empty when the session
	 * is unknown, has expired, or its key was revoked.
	 */
	public Mono<Optional<Caller>> resolve(String sessionId) {
		if (sessionId.isBlank() || sessionId.length() > 100) {
			return Mono.just(Optional.empty());
		}
		Instant now = this.clock.instant();
		return this.store.touch(storeKey(sessionId), this.properties.idleTimeout(), now)
			.map((session) -> session.createdAt().plus(this.properties.maxLifetime()).isAfter(now)
					? this.keys.authenticateHash(session.keyHash()).map(ConsoleSessions::caller)
					: Optional.<Caller>empty())
			.defaultIfEmpty(Optional.empty())
			.onErrorResume((failure) -> {
				log.warn("Could not read a console session, answering as signed out: {}", failure.toString());
				return Mono.just(Optional.empty());
			});
	}

	/** Ends a session; unknown ids are ignored. */
	public Mono<Void> signOut(String sessionId) {
		return this.store.delete(storeKey(sessionId));
	}

	/**
	 * The cookie's lifetime: the browser drops it when the session could no longer live.
	 */
	public Duration maxLifetime() {
		return this.properties.maxLifetime();
	}

	/** The name of the session cookie. */
	public String cookieName() {
		return this.properties.cookieName();
	}

	private static Caller caller(ApiKey key) {
		return new Caller(key.name(), key.scopes());
	}

	static String storeKey(String sessionId) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

	/**
	 * A session just signed in.
	 *
	 * @param sessionId the id for the cookie, shown only this once
	 * @param caller the key's name and scopes
	 * @param expiresAt when the session ends at the latest
	 */
	public record SignedIn(String sessionId, Caller caller, Instant expiresAt) {

	}

	/**
	 * A session as stored.
	 *
	 * @param keyHash the SHA-256 of the API key signed in with
	 * @param createdAt when it was signed in
	 */
	record StoredSession(String keyHash, Instant createdAt) {

		String encode() {
			return this.createdAt.toEpochMilli() + ":" + this.keyHash;
		}

		static Optional<StoredSession> decode(String value) {
			int colon = value.indexOf(':');
			if (colon < 1) {
				return Optional.empty();
			}
			try {
				return Optional.of(new StoredSession(value.substring(colon + 1),
						Instant.ofEpochMilli(Long.parseLong(value.substring(0, colon)))));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}

	}

	/** Where sessions live: this instance's memory, or Redis shared by all instances. */
	interface SessionStore {

		Mono<Void> save(String key, StoredSession session, Duration idleTimeout);

		/**
		 * The session, its idle time restarted from now; empty when absent or idle too
		 * long.
		 */
		Mono<StoredSession> touch(String key, Duration idleTimeout, Instant now);

		Mono<Void> delete(String key);

	}

}
