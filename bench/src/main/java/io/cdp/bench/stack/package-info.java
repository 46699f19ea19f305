/**
 * The running stack the benchmark measures: where its services, broker and database
 * answer (from the local run's folder and the same environment variables), its processes'
 * CPU and memory, their Prometheus metrics, how far the pipeline's consumers are behind,
 * and the child processes the bench runs against it.
 */
@NullMarked
package io.cdp.bench.stack;

import org.jspecify.annotations.NullMarked;
