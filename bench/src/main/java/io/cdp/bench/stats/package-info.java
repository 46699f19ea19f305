/**
 * Latency distributions: every timed phase records its latencies into HdrHistogram
 * histograms and reports their {@link io.cdp.bench.stats.LatencySummary}.
 */
@NullMarked
package io.cdp.bench.stats;

import org.jspecify.annotations.NullMarked;
