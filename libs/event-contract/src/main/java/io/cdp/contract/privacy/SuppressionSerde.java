package io.cdp.contract.privacy;

import io.cdp.contract.json.RoundTripJsonSerde;

/**
 * The serde of {@code cdp.suppressions.v1}. A class of its own, with a public no-argument
 * constructor, so that it can also be named in Kafka configuration.
 */
public final class SuppressionSerde extends RoundTripJsonSerde<Suppression> {

	/** Creates the serde. */
	public SuppressionSerde() {
		super(Suppression.class);
	}

}
