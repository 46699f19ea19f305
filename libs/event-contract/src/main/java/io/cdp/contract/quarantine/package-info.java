/**
 * The quarantine contract: what a stage of the pipeline writes to
 * {@code cdp.quarantine.v1} when it cannot process a record it took in, so that one
 * record never stops a stage. The dead-letter store reads it beside
 * {@code cdp.events.dlq.v1} (what ingest refused at the door) and replays records onto
 * their original topic after a fix.
 */
@NullMarked
package io.cdp.contract.quarantine;

import org.jspecify.annotations.NullMarked;
