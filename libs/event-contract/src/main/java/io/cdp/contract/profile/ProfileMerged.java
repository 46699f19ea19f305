package io.cdp.contract.profile;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * A merge decision, on {@code cdp.profile-merges.v1} keyed by the loser's profileId: a
 * profile merged into an older one, or a link the identity rules refused. A notification
 * and the merge log: the lasting effect of a merge is the loser's forwarding pointer and
 * the winner's new state on {@code cdp.profiles.v1}.
 *
 * @param loserId the merged-away profile (its id resolves to the winner from now on), or
 * for a refusal the profile that was not merged, or for a split one of the profiles it
 * made (the split profile itself among them)
 * @param winnerId the surviving profile, or for a refusal the profile that refused, or
 * for a split the profile that was split
 * @param causeMessageId the event that showed the two are one person, or for a split
 * {@code split:<splitId>}
 * @param mergedAt when the decision was taken
 * @param outcome {@link #MERGED}, {@link #REFUSED}, {@link #SPLIT} or
 * {@link #SPLIT_REFUSED}; records written by an earlier version have none and are merges
 * @param reason for a refusal, the rule it would have broken
 * @param identifiers the identifiers of the cause that linked the two
 * ({@code type:value})
 */
public record ProfileMerged(String loserId, String winnerId, String causeMessageId, Instant mergedAt,
		@Nullable String outcome, @Nullable String reason, @Nullable List<String> identifiers) {

	/** The outcome of a merge that happened. */
	public static final String MERGED = "merged";

	/** The outcome of a link the identity rules refused. */
	public static final String REFUSED = "refused";

	/**
	 * The outcome of a split: the loser is one of the profiles the winner was split into,
	 * with the identifiers it holds.
	 */
	public static final String SPLIT = "split";

	/**
	 * The outcome of a split that was not applied: the profile changed after it was
	 * planned (the reason says how).
	 */
	public static final String SPLIT_REFUSED = "split-refused";

	/** The cause of a split's decisions: {@code split:} and the split's id. */
	public static final String SPLIT_CAUSE_PREFIX = "split:";

	/** Fills what records of an earlier version lack. */
	public ProfileMerged {
		outcome = (outcome != null) ? outcome : MERGED;
		identifiers = (identifiers != null) ? List.copyOf(identifiers) : List.of();
	}

	/**
	 * A merge that happened, without the rule-related detail.
	 * @param loserId the merged-away profile
	 * @param winnerId the survivor
	 * @param causeMessageId the event
	 * @param mergedAt when
	 */
	public ProfileMerged(String loserId, String winnerId, String causeMessageId, Instant mergedAt) {
		this(loserId, winnerId, causeMessageId, mergedAt, MERGED, null, List.of());
	}

	/** Whether the profiles were merged (and not refused). */
	@JsonIgnore
	public boolean merged() {
		return MERGED.equals(this.outcome);
	}

}
