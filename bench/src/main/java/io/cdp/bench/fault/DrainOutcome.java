package io.cdp.bench.fault;

/**
 * How the wait for the pipeline after the load ended.
 *
 * @param ending {@code drained} (every accepted event stored), {@code stalled: …} (the
 * store gained nothing for a while) or {@code timed out}
 * @param seconds how long the wait took
 * @param rows the run's rows in the store at the end
 */
public record DrainOutcome(String ending, double seconds, long rows) {

}
