package io.cdp.bench.raw;

import io.cdp.bench.stats.LatencySummary;

/**
 * PostgreSQL's primary-key read loop on this machine.
 *
 * @param concurrency threads, each with its own connection
 * @param query the statement
 * @param seconds the measured window
 * @param selects statements completed in it
 * @param selectsPerSecond the rate
 * @param latency each statement's latency, row read included
 */
public record PostgresResult(int concurrency, String query, double seconds, long selects, double selectsPerSecond,
		LatencySummary latency) {

}
