package io.cdp.bench.raw;

/**
 * Kafka's end-to-end latency tool on this machine's broker: produce (acks=all), then
 * consume, one record at a time.
 *
 * @param messages round trips
 * @param recordBytes record size
 * @param averageMillis the average round trip
 * @param p50Millis its median (whole milliseconds, as the tool prints it)
 * @param p99Millis its 99th percentile (whole milliseconds)
 */
public record KafkaLatencyResult(int messages, int recordBytes, double averageMillis, double p50Millis,
		double p99Millis) {

}
