package io.cdp.gateway.audit;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One row of the audit: who (the API key's name, never the key) did what to whom, when,
 * in which request.
 *
 * @param at when the gateway received the request
 * @param keyName the API key's name
 * @param action a read of a profile or an admin change
 * @param profileId the profile read or changed, when the request was about one
 * @param targetId what an admin change was about, when its path names it (an API key's
 * id, a destination's name)
 * @param method the HTTP method
 * @param endpoint the endpoint, the path with its ids as placeholders
 * ({@code /v1/profiles/{profileId}/events})
 * @param path the request's path, without its query (which may hold an email address)
 * @param status the status of the answer, or null when the client went away before it
 * @param requestId the request's {@code X-Request-Id}
 */
record AuditEntry(Instant at, String keyName, AuditAction action, @Nullable String profileId, @Nullable String targetId,
		String method, String endpoint, String path, @Nullable Integer status, String requestId) {

	AuditEntry {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(keyName, "keyName");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(requestId, "requestId");
	}

}
