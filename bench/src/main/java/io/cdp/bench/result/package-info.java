/**
 * One benchmark run's results as {@code latest.json} holds them: every phase's result
 * record together, with the population and record size it ran with, the main table and
 * the findings. Filled by the command, read by the report.
 */
@NullMarked
package io.cdp.bench.result;

import org.jspecify.annotations.NullMarked;
