/**
 * The single public entry point. A request passes, in order: {@code traffic} (request id,
 * access log and metrics, body size limit), {@code access} (API key and scope, signed
 * caller header), {@code ratelimit}, then {@code route} to the ingest or profile service,
 * or the gateway's own {@code apikey} admin endpoints.
 */
@NullMarked
package io.cdp.gateway;

import org.jspecify.annotations.NullMarked;
