package io.cdp.gateway.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One audit row as stored and as {@code GET /v1/admin/audit} shows it.
 *
 * @param id the row's id, increasing in the order rows were written
 * @param at when the gateway received the request
 * @param keyName the name of the API key that made it
 * @param action {@code read} (a profile's data was read) or {@code change} (an admin
 * change)
 * @param profileId the profile read or changed, if the request was about one
 * @param targetId what an admin change was about, when its path names it
 * @param method the HTTP method
 * @param endpoint the path with its ids as placeholders, such as
 * {@code /v1/profiles/{profileId}/events}
 * @param path the request's path, without its query
 * @param status the status of the answer; null when the client went away first
 * @param requestId the request's {@code X-Request-Id}, to find it in the logs
 */
record AuditRow(long id, Instant at, String keyName, String action, @Nullable String profileId,
		@Nullable String targetId, String method, String endpoint, String path, @Nullable Integer status,
		String requestId) {

}
