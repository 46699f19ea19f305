package io.cdp.profile.api;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cdp.contract.profile.Consent;

/**
 * The unified profile of one person, as {@code GET /v1/profiles/{profileId}} and the
 * lookup answer it. Asked for by a merged-away id, it is the surviving profile, so
 * {@code profileId} is then the survivor's.
 *
 * @param profileId the surviving profile's id
 * @param createdAt when the profile was created
 * @param updatedAt when the serving store last changed it
 * @param identifiers every identifier of the person, ordered by type and value
 * @param traits each trait with the source and time of its latest write
 * @param computed values derived from the person's events
 * @param mergedProfileIds ids of every profile merged into this one, transitively; they
 * all answer with this profile
 * @param audiences the audiences the profile is in, with their entry times, by name
 * @param consent the person's consent answers by purpose: granted or not, the source and
 * time of the newest answer, and whether a merge resolved differing answers to the denial
 * ({@code conflict}); a purpose never answered is absent, and not granted
 */
record ProfileView(String profileId, Instant createdAt, Instant updatedAt, List<IdentifierView> identifiers,
		Map<String, TraitView> traits, ComputedView computed, List<String> mergedProfileIds,
		List<AudienceMembershipView> audiences, Map<String, Consent> consent) implements ProfileAnswer {

	ProfileView {
		consent = Collections.unmodifiableMap(new TreeMap<>(consent));
		identifiers = List.copyOf(identifiers);
		traits = Map.copyOf(traits);
		mergedProfileIds = List.copyOf(mergedProfileIds);
		audiences = List.copyOf(audiences);
	}

	/**
	 * A profile's membership in an audience.
	 *
	 * @param id the audience's id
	 * @param name the audience's name
	 * @param enteredAt when the profile entered it
	 */
	record AudienceMembershipView(long id, String name, Instant enteredAt) {

	}

}
