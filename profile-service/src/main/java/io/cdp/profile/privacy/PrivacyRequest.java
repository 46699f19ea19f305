package io.cdp.profile.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A privacy request as stored: no identifier, only hashes and profile ids.
 *
 * @param requestId the request's id
 * @param type {@code delete}, {@code suppress} or {@code both}
 * @param identifierHash the hash of the identifier the request named
 * @param requestedBy the name of the API key that made it
 * @param requestedAt when it was made
 * @param status {@code pending}, {@code completed} or {@code failed}
 * @param stage the step it is at, or ended at: {@code suppressing}, {@code forgetting},
 * {@code storing}, {@code deleting}, {@code done}
 * @param profileId the active profile the identifier named, or null when none did
 * @param profileIds that profile and those merged into it
 * @param identifierHashes the hashes of every identifier of the person (and the named
 * one)
 * @param removed what was removed, per store and table
 * @param detail why it waits or failed, or null
 * @param completedAt when it completed, or null
 */
record PrivacyRequest(String requestId, String type, String identifierHash, String requestedBy, Instant requestedAt,
		String status, String stage, @Nullable String profileId, List<String> profileIds, List<String> identifierHashes,
		Map<String, Object> removed, @Nullable String detail, @Nullable Instant completedAt) {

	static final String DELETE = "delete";

	static final String SUPPRESS = "suppress";

	static final String BOTH = "both";

	static final String PENDING = "pending";

	static final String COMPLETED = "completed";

	/** Copies the lists and the map, which are immutable from then on. */
	PrivacyRequest {
		profileIds = List.copyOf(profileIds);
		identifierHashes = List.copyOf(identifierHashes);
		removed = Map.copyOf(removed);
	}

	boolean deletes() {
		return !SUPPRESS.equals(this.type);
	}

	boolean suppresses() {
		return !DELETE.equals(this.type);
	}

}
