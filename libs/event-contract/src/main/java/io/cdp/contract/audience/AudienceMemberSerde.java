package io.cdp.contract.audience;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.audience-memberships.v1}. A class of its own, with a public
 * no-argument constructor, so that it can also be named in Kafka configuration.
 */
public final class AudienceMemberSerde extends RoundTripJsonSerde<AudienceMember> {

	/** Creates the serde. */
	public AudienceMemberSerde() {
		super(AudienceMember.class);
	}

}
