package io.cdp.profile.api;

import java.util.List;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * No profile answers to the id or identifier in the request; answered 404 naming it under
 * {@code profileId} or {@code identifier}.
 */
class ProfileNotFoundException extends ProblemException {

	private final @Nullable String profileId;

	private final @Nullable String identifier;

	private ProfileNotFoundException(String detail, @Nullable String profileId, @Nullable String identifier) {
		super(ProblemType.PROFILE_NOT_FOUND, detail);
		this.profileId = profileId;
		this.identifier = identifier;
		if (profileId != null) {
			with("profileId", profileId);
		}
		if (identifier != null) {
			with("identifier", identifier);
		}
	}

	static ProfileNotFoundException forProfileId(String profileId) {
		return new ProfileNotFoundException("No profile has id " + profileId, profileId, null);
	}

	static ProfileNotFoundException forIdentifier(String identifierKey) {
		return new ProfileNotFoundException("No profile has identifier " + identifierKey, null, identifierKey);
	}

	/**
	 * No profile with the id has granted the purposes. The detail is the same whether the
	 * person is unknown or did not consent, so that a caller restricted to consented
	 * people learns nothing of the others.
	 */
	static ProfileNotFoundException forProfileId(String profileId, List<String> purposes) {
		return new ProfileNotFoundException(
				"No profile with consent to " + String.join(" and ", purposes) + " has id " + profileId, profileId,
				null);
	}

	/** No profile with the identifier has granted the purposes; see the one above. */
	static ProfileNotFoundException forIdentifier(String identifierKey, List<String> purposes) {
		return new ProfileNotFoundException(
				"No profile with consent to " + String.join(" and ", purposes) + " has identifier " + identifierKey,
				null, identifierKey);
	}

	/** The profile id asked for, or null when the request named an identifier. */
	public @Nullable String profileId() {
		return this.profileId;
	}

	/**
	 * The normalised identifier asked for, or null when the request named a profile id.
	 */
	public @Nullable String identifier() {
		return this.identifier;
	}

}
