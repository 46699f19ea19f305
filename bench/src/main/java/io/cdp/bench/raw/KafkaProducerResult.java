package io.cdp.bench.raw;

/**
 * Kafka's producer benchmark on this machine's broker.
 *
 * @param records records sent
 * @param averageRecordBytes the records' average value size
 * @param recordsPerSecond the throughput
 * @param megabytesPerSecond the throughput in MB (2^20 bytes) of uncompressed values a
 * second
 * @param averageLatencyMillis the average time from send to acknowledgement (queueing
 * included: the tool sends as fast as it can)
 * @param p50LatencyMillis its median
 * @param p99LatencyMillis its 99th percentile
 * @param producerSettings the producer settings used
 */
public record KafkaProducerResult(long records, double averageRecordBytes, double recordsPerSecond,
		double megabytesPerSecond, double averageLatencyMillis, double p50LatencyMillis, double p99LatencyMillis,
		String producerSettings) {

}
