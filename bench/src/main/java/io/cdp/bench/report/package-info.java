/**
 * Renders results and writes them under {@code bench/results}: the benchmark's main table
 * of figures beside their raw limits and its findings, Markdown, JSON and a chart, and
 * the fault test's Markdown and JSON. It reads result records only and measures nothing;
 * no measurement package imports it ({@code BenchArchitectureTests}).
 */
@NullMarked
package io.cdp.bench.report;

import org.jspecify.annotations.NullMarked;
