/**
 * Webhook destinations: where audience membership changes
 * ({@code cdp.audience-membership.v1}) are delivered. Destinations are managed through
 * the admin API ({@code /v1/admin/destinations}) with their URL checked against
 * server-side request forgery; a feed queues each change per destination in PostgreSQL
 * before committing its offsets, and per-destination workers deliver the queue in signed,
 * rate-limited batches, at least once, with retries and a dead-letter list.
 */
@NullMarked
package io.cdp.profile.destination;

import org.jspecify.annotations.NullMarked;
