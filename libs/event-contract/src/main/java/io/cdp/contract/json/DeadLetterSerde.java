package io.cdp.contract.json;

import io.cdp.contract.event.DeadLetter;

/**
 * The serde of {@code cdp.events.dlq.v1}. A class of its own, with a public no-argument
 * constructor, so that it can also be named in Kafka configuration.
 */
public final class DeadLetterSerde extends JsonSerde<DeadLetter> {

	/** Creates the serde. */
	public DeadLetterSerde() {
		super(DeadLetter.class);
	}

}
