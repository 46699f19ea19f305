/**
 * API keys: created and revoked through {@code /v1/admin/api-keys}, kept in PostgreSQL
 * (schema {@code gateway}) as SHA-256 hashes with their scopes, and served to the request
 * path from an in-memory snapshot that every instance reloads every few seconds, so no
 * request waits for the database and a revocation reaches every instance within one
 * refresh interval.
 */
@NullMarked
package io.cdp.gateway.apikey;

import org.jspecify.annotations.NullMarked;
