/**
 * The PostgreSQL serving store: a writer that consumes the identity topology's topics in
 * batches and upserts profiles, identifiers, events and merges idempotently, and keeps
 * the monthly partitions of the events table ahead of time.
 */
@NullMarked
package io.cdp.profile.store;

import org.jspecify.annotations.NullMarked;
