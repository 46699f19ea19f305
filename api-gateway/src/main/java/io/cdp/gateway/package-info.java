/**
 * The single public entry point: routes to the ingest and profile services and, as
 * features land, checks API keys and scopes and applies rate limits.
 */
@NullMarked
package io.cdp.gateway;

import org.jspecify.annotations.NullMarked;
