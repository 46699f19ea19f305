package io.cdp.contract.audience;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One change of a profile's membership in an audience, on
 * {@code cdp.audience-membership.v1} keyed by profileId: the profile entered or left the
 * audience at a time, for a cause. Destinations deliver these records as they are, each
 * with {@link #changeId()} as its idempotency key.
 *
 * <p>
 * A consumer must expect a change more than once (the stream is produced and read at
 * least once) and may see changes of one profile in several audiences interleaved; the
 * changes of one profile are in order, since they share the key and so the partition.
 *
 * @param changeId unique per change and stable across re-deliveries, for example
 * {@code audienceId:profileId:sequence}; the key a receiver deduplicates by
 * @param profileId the profile that entered or left
 * @param audienceId the audience's id
 * @param audienceName the audience's name when the change happened
 * @param change {@link #ENTERED} or {@link #LEFT}
 * @param at when the membership changed
 * @param cause why: {@link Causes#EVENT}, {@link Causes#TIME}, {@link Causes#MERGE},
 * {@link Causes#DEFINITION} or another word of the producer's
 * @param identifiers the profile's identifiers a destination may send, by type
 * ({@code email}, {@code user_id}, ...); empty when the producer attaches none
 * @param traits the profile's traits a destination may send, by name; empty when the
 * producer attaches none
 */
public record AudienceMembershipChange(String changeId, String profileId, String audienceId, String audienceName,
		String change, Instant at, String cause, @Nullable Map<String, List<String>> identifiers,
		@Nullable Map<String, Object> traits) {

	/** The profile now belongs to the audience. */
	public static final String ENTERED = "entered";

	/** The profile no longer belongs to the audience. */
	public static final String LEFT = "left";

	/**
	 * Checks the required components and copies the maps, so that the record is
	 * immutable; absent maps become empty ones.
	 */
	public AudienceMembershipChange {
		Objects.requireNonNull(changeId, "changeId must not be null");
		Objects.requireNonNull(profileId, "profileId must not be null");
		Objects.requireNonNull(audienceId, "audienceId must not be null");
		Objects.requireNonNull(audienceName, "audienceName must not be null");
		Objects.requireNonNull(change, "change must not be null");
		Objects.requireNonNull(at, "at must not be null");
		Objects.requireNonNull(cause, "cause must not be null");
		Map<String, List<String>> copied = new LinkedHashMap<>();
		if (identifiers != null) {
			identifiers.forEach((type, values) -> copied.put(type, (values != null) ? List.copyOf(values) : List.of()));
		}
		identifiers = Collections.unmodifiableMap(copied);
		// A trait may be JSON null, which Map.copyOf refuses.
		traits = (traits != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(traits)) : Map.of();
	}

	/**
	 * The change id of the {@code sequence}-th change of a profile in an audience, in the
	 * form the audience step writes.
	 * @param audienceId the audience
	 * @param profileId the profile
	 * @param sequence the number of the change, counting from 1 per profile and audience
	 * @return {@code audienceId:profileId:sequence}
	 */
	public static String changeIdOf(String audienceId, String profileId, long sequence) {
		return audienceId + ":" + profileId + ":" + sequence;
	}

	/** The usual causes of a change; producers may add others. */
	public static final class Causes {

		/** An event of the profile changed what the audience's condition sees. */
		public static final String EVENT = "event";

		/** Time passed: a window moved or an absence became long enough. */
		public static final String TIME = "time";

		/** The profile was merged into another (it leaves) or is a merge's survivor. */
		public static final String MERGE = "merge";

		/** The audience's definition was created, changed or deleted. */
		public static final String DEFINITION = "definition";

		/** The person was deleted by a privacy request. */
		public static final String DELETED = "deleted";

		private Causes() {
		}

	}

}
