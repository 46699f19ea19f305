package io.cdp.contract.profile;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.profile-events.v1}. A class of its own, with a public
 * no-argument constructor, so that it can also be named in Kafka configuration.
 */
public final class ProfileEventSerde extends RoundTripJsonSerde<ProfileEvent> {

	/** Creates the serde. */
	public ProfileEventSerde() {
		super(ProfileEvent.class);
	}

}
