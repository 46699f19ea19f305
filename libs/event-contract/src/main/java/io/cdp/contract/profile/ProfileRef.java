package io.cdp.contract.profile;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A profile id with its creation time: the key that orders profiles. When profiles merge,
 * the oldest survives (ties by id), and since every forwarding pointer moves to an older
 * profile, chains of pointers always end and every interleaving converges to the same
 * survivor.
 *
 * @param profileId the profile id
 * @param createdAt when the profile was created: the receipt time of the event that
 * created it
 */
public record ProfileRef(String profileId, Instant createdAt) implements Comparable<ProfileRef> {

	private static final Comparator<ProfileRef> OLDEST_FIRST = Comparator.comparing(ProfileRef::createdAt)
		.thenComparing(ProfileRef::profileId);

	/**
	 * Checks the components.
	 * @throws NullPointerException if one is null
	 */
	public ProfileRef {
		Objects.requireNonNull(profileId, "profileId must not be null");
		Objects.requireNonNull(createdAt, "createdAt must not be null");
	}

	/**
	 * Orders oldest first, then by id.
	 * @param other the other profile
	 * @return negative when this one is older
	 */
	@Override
	public int compareTo(ProfileRef other) {
		return OLDEST_FIRST.compare(this, other);
	}

	/**
	 * Whether this profile was created before the other (ties broken by id).
	 * @param other the other profile
	 * @return true when this one survives a merge of the two
	 */
	public boolean isOlderThan(ProfileRef other) {
		return compareTo(other) < 0;
	}

}
