/**
 * The sources registry: each origin of events with its channel, kind, hashed write key,
 * signing secret and mapping, kept in PostgreSQL (schema {@code ingest}) and served from
 * an in-memory cache so that no request queries the database.
 */
@NullMarked
package io.cdp.ingest.source;

import org.jspecify.annotations.NullMarked;
