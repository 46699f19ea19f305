package io.cdp.contract.audience;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.audience-membership.v1}. A class of its own, with a public
 * no-argument constructor, so that it can also be named in Kafka configuration.
 */
public final class AudienceMembershipChangeSerde extends RoundTripJsonSerde<AudienceMembershipChange> {

	/** Creates the serde. */
	public AudienceMembershipChangeSerde() {
		super(AudienceMembershipChange.class);
	}

}
