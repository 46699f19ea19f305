package io.cdp.gateway.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An API key as stored: never the key itself, only its SHA-256.
 *
 * @param id stable id, {@code key_} and 16 hex characters
 * @param name the caller's name, passed to the services and written to the access log
 * @param keyHash hex SHA-256 of the key
 * @param scopes what the key may do
 * @param createdAt when the key was created
 * @param lastUsedAt when a request last presented it (recorded a few seconds late)
 * @param revokedAt when it was revoked; a revoked key is refused
 */
public record ApiKey(String id, String name, String keyHash, Set<Scope> scopes, Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

	public ApiKey {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keyHash, "keyHash");
		scopes = Set.copyOf(scopes);
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/** Whether the key may still be used. */
	public boolean active() {
		return this.revokedAt == null;
	}

}
