package io.cdp.gateway.apikey;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the admin API shows it: never the hash, and the key itself only in the
 * answer that created it.
 *
 * @param id the key's id, used to revoke it
 * @param name the caller's name
 * @param scopes what the key may do
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, recorded within seconds; null if never
 * @param revokedAt when it was revoked; null while active
 * @param key the key itself, present once, on creation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(String id, String name, List<String> scopes, Instant createdAt, @Nullable Instant lastUsedAt,
		@Nullable Instant revokedAt, @Nullable String key) {

	static ApiKeyView of(ApiKey apiKey, @Nullable String key) {
		return new ApiKeyView(apiKey.id(), apiKey.name(),
				apiKey.scopes().stream().map(Scope::wireName).sorted().toList(), apiKey.createdAt(),
				apiKey.lastUsedAt(), apiKey.revokedAt(), key);
	}

}
