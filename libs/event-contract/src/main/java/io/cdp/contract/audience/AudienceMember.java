package io.cdp.contract.audience;

import java.time.Instant;
import java.util.Objects;

/**
 * A profile's current membership in an audience, on the compacted topic
 * {@code cdp.audience-memberships.v1} keyed by {@link #keyOf audienceId:profileId}: the
 * latest record of a key is the membership, a tombstone (null value) says the profile
 * left. Beside the change stream {@code cdp.audience-membership.v1}, this topic answers
 * "who is in the audience now" to a consumer that starts from the beginning.
 *
 * @param audienceId the audience's id
 * @param audienceName the audience's name when the profile entered
 * @param profileId the member
 * @param enteredAt when the profile entered
 */
public record AudienceMember(String audienceId, String audienceName, String profileId, Instant enteredAt) {

	/** Checks the required components. */
	public AudienceMember {
		Objects.requireNonNull(audienceId, "audienceId must not be null");
		Objects.requireNonNull(audienceName, "audienceName must not be null");
		Objects.requireNonNull(profileId, "profileId must not be null");
		Objects.requireNonNull(enteredAt, "enteredAt must not be null");
	}

	/**
	 * The key of a membership on {@code cdp.audience-memberships.v1}.
	 * @param audienceId the audience
	 * @param profileId the profile
	 * @return {@code audienceId:profileId}
	 */
	public static String keyOf(String audienceId, String profileId) {
		return audienceId + ":" + profileId;
	}

}
