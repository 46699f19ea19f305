/**
 * The running stack the benchmark measures: where its services, broker and database
 * answer (from the local run's folder and the same environment variables), its processes'
 * CPU and memory, their Prometheus metrics, and how far the pipeline's consumers are
 * behind.
 */
@NullMarked
package io.cdp.bench.stack;

import org.jspecify.annotations.NullMarked;
