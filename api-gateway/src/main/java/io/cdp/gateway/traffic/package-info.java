/**
 * Traffic hygiene in front of everything else: a request id on every request and
 * response, a body size limit, one access-log line and one timer sample per request,
 * tagged with the route, the status and the API key's name (never the key), and CORS for
 * the API-key paths.
 */
@NullMarked
package io.cdp.gateway.traffic;

import org.jspecify.annotations.NullMarked;
