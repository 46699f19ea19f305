/**
 * Latency samples and their percentiles: what every timed phase of the benchmark records
 * and reports.
 */
@NullMarked
package io.cdp.bench.stats;

import org.jspecify.annotations.NullMarked;
