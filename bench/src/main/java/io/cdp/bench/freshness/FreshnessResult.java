package io.cdp.bench.freshness;

import io.cdp.bench.stats.LatencySummary;

/**
 * What the freshness measurement found.
 *
 * @param backgroundTargetRate the background load asked for, events a second
 * @param backgroundAchievedRate the background load the ingest accepted, events a second
 * @param probers probes in flight at once
 * @param pollIntervalMillis how often a probe asks the profile API, the measurement's
 * resolution
 * @param seconds the measured window
 * @param probesSent probes the ingest accepted in the window
 * @param probesTimedOut probes not seen within the timeout
 * @param latency from the ingest's 200 to the first answer of the profile API that held
 * the event; a probe not seen within the timeout counts as the timeout
 */
public record FreshnessResult(int backgroundTargetRate, double backgroundAchievedRate, int probers,
		long pollIntervalMillis, double seconds, long probesSent, long probesTimedOut, LatencySummary latency) {

}
