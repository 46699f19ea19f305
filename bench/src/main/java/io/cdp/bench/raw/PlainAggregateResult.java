package io.cdp.bench.raw;

/**
 * A plain Kafka Streams aggregate over the events of the sustained load, on this
 * machine's broker: the raw limit of a stateful, exactly-once Streams app.
 *
 * @param records events it processed (read from its own copy of the events topic)
 * @param partitions the partition count of its input, the events topic's
 * @param keys distinct first identifiers it aggregated
 * @param copySeconds how long copying the events into its input took (not in the rate)
 * @param startSeconds from its start until it was running (not in the rate)
 * @param seconds from running until every record was aggregated (its commit confirmed
 * afterwards)
 * @param recordsPerSecond records ÷ seconds
 * @param settings its Streams settings
 */
public record PlainAggregateResult(long records, int partitions, long keys, double copySeconds, double startSeconds,
		double seconds, double recordsPerSecond, String settings) {

}
