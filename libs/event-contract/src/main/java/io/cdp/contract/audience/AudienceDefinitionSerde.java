package io.cdp.contract.audience;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.audiences.v1}. A class of its own, with a public no-argument
 * constructor, so that it can also be named in Kafka configuration.
 */
public final class AudienceDefinitionSerde extends RoundTripJsonSerde<AudienceDefinition> {

	/** Creates the serde. */
	public AudienceDefinitionSerde() {
		super(AudienceDefinition.class);
	}

}
