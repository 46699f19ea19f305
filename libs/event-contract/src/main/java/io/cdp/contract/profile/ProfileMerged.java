package io.cdp.contract.profile;

import java.time.Instant;

/**
 * A profile merged into an older one, on {@code cdp.profile-merges.v1} keyed by the
 * loser's profileId. A notification: the lasting effect is the loser's forwarding pointer
 * and the winner's new state on {@code cdp.profiles.v1}.
 *
 * @param loserId the merged-away profile; its id resolves to the winner from now on
 * @param winnerId the surviving profile
 * @param causeMessageId the event that showed the two are one person
 * @param mergedAt when the merge happened
 */
public record ProfileMerged(String loserId, String winnerId, String causeMessageId, Instant mergedAt) {

}
