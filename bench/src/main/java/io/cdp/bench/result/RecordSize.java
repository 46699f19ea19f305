package io.cdp.bench.result;

/**
 * The size of the events the ingest-service writes to Kafka.
 *
 * @param sampled records read back
 * @param averageKeyBytes average key (message id)
 * @param averageValueBytes average value (the canonical event as JSON, uncompressed)
 */
public record RecordSize(int sampled, double averageKeyBytes, double averageValueBytes) {

}
