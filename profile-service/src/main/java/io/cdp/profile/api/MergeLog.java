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
 * @param splits the splits of the profile or that made it: one entry per profile a split
 * made ({@code loserId}) from the profile split ({@code winnerId}), with the identifiers
 * it took and the reason; a refused split has outcome {@code split-refused}
 */
record MergeLog(String profileId, List<MergeView> merges, List<MergeView> refused,
		List<MergeView> splits) implements ProfileAnswer {

	MergeLog {
		merges = List.copyOf(merges);
		refused = List.copyOf(refused);
		splits = List.copyOf(splits);
	}

}
