/**
 * The dead-letter store: what ingest refused at the door ({@code cdp.events.dlq.v1}) and
 * what a later stage quarantined ({@code cdp.quarantine.v1}) land in PostgreSQL, where
 * admins browse them ({@code GET /v1/admin/dead-letters}) and replay them after a fix
 * ({@code POST /v1/admin/dead-letters/replay}).
 * {@link io.cdp.ingest.deadletter.DeadLetterWriter} stores,
 * {@link io.cdp.ingest.deadletter.DeadLetterController} serves,
 * {@link io.cdp.ingest.deadletter.Replayer} replays.
 */
@NullMarked
package io.cdp.ingest.deadletter;

import org.jspecify.annotations.NullMarked;
