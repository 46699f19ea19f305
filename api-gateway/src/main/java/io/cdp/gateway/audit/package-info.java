/**
 * The audit of who read whom: every profile read through the gateway (by id, lookup,
 * events, identifiers, merges, export) and every admin change is recorded with the API
 * key's name, the profile id, the endpoint, the time and the request id, in the
 * append-only, monthly partitioned {@code gateway.audit_log}. Rows are queued in memory
 * and written in batches by a background writer, so an audit that cannot be written never
 * fails or slows a request; {@code GET /v1/admin/audit} reads them back.
 */
@NullMarked
package io.cdp.gateway.audit;

import org.jspecify.annotations.NullMarked;
