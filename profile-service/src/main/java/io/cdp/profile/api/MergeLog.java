package io.cdp.profile.api;

import java.util.List;

/**
 * The answer of {@code GET /v1/profiles/{profileId}/merges}: why the profile is what it
 * is.
 *
 * @param profileId the surviving profile's id
 * @param merges the profiles merged into it, directly or through another, newest first
 * @param refused the links the identity rules refused to it or to a profile merged into
 * it, newest first
 */
record MergeLog(String profileId, List<MergeView> merges, List<MergeView> refused) {

	MergeLog {
		merges = List.copyOf(merges);
		refused = List.copyOf(refused);
	}

}
