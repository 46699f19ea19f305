package io.cdp.contract.quarantine;

import io.cdp.contract.json.JsonSerde;

/**
 * The serde of {@code cdp.quarantine.v1}. A class of its own, with a public no-argument
 * constructor, so that it can also be named in Kafka configuration.
 */
public final class QuarantinedRecordSerde extends JsonSerde<QuarantinedRecord> {

	/** Creates the serde. */
	public QuarantinedRecordSerde() {
		super(QuarantinedRecord.class);
	}

}
