/**
 * The benchmark's results and how they are written: one record of every figure, the main
 * table of figures beside their raw limits, Markdown, JSON and a chart.
 */
@NullMarked
package io.cdp.bench.report;

import org.jspecify.annotations.NullMarked;
