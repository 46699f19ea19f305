package io.cdp.profile.quarantine;

import io.cdp.contract.quarantine.QuarantinedRecord;

/**
 * Puts a record a stage cannot process on the quarantine topic and counts it. Used where
 * the record cannot travel inside the stage's own output (Kafka Streams' exception
 * handlers, the store writer).
 */
@FunctionalInterface
public interface Quarantine {

	/**
	 * Writes the record and returns once Kafka has it, so that the caller may skip the
	 * original: nothing is skipped that is not kept.
	 * @param record what to keep
	 * @throws QuarantineUnavailableException if Kafka did not take it
	 */
	void put(QuarantinedRecord record);

}
