package io.cdp.profile.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One decision of the merge log: two profiles merged, or a link the identity rules
 * refused.
 *
 * @param outcome {@code merged}, {@code refused}, {@code split} or {@code split-refused}
 * @param loserId the profile merged away, or the one that was not merged, or a profile a
 * split made
 * @param winnerId the survivor, or the profile that refused the link, or the profile
 * split
 * @param causeMessageId the event that linked them, or {@code split:<splitId>}
 * @param identifiers the identifiers of that event that linked them ({@code type:value})
 * @param reason for a refusal, the rule the link would have broken
 * @param decidedAt when
 */
record MergeView(String outcome, String loserId, String winnerId, String causeMessageId, List<String> identifiers,
		@Nullable String reason, Instant decidedAt) {

	MergeView {
		identifiers = List.copyOf(identifiers);
	}

}
