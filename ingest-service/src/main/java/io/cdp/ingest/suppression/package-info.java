/**
 * Suppression at the door: the list of identifiers that privacy requests suppressed, read
 * whole from {@code cdp.suppressions.v1} by every instance and kept in memory, and the
 * check the publisher asks before an accepted event goes to Kafka. Only hashes of
 * normalised identifiers are held, never the identifiers.
 */
@NullMarked
package io.cdp.ingest.suppression;

import org.jspecify.annotations.NullMarked;
