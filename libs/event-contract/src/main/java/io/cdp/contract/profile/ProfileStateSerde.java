package io.cdp.contract.profile;

import io.cdp.contract.json.RoundTripJson;
import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.profiles.v1}. A class of its own, with a public no-argument
 * constructor, so that it can also be named in Kafka configuration.
 */
public final class ProfileStateSerde extends RoundTripJsonSerde<ProfileState> {

	/** Creates the serde. */
	public ProfileStateSerde() {
		super(ProfileState.class);
	}

	/** A state's maps are keyed by identifiers and trait names, which are data. */
	@Override
	protected ProfileState read(byte[] payload) {
		return RoundTripJson.readKeyedByData(payload, ProfileState.class);
	}

}
