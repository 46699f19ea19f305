package io.cdp.contract.profile;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.profile-merges.v1}. A class of its own, with a public
 * no-argument constructor, so that it can also be named in Kafka configuration.
 */
public final class ProfileMergedSerde extends RoundTripJsonSerde<ProfileMerged> {

	/** Creates the serde. */
	public ProfileMergedSerde() {
		super(ProfileMerged.class);
	}

}
