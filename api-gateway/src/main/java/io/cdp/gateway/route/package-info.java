/**
 * Routing: which path goes to which upstream service, with the upstreams' addresses,
 * timeouts and retries taken from {@link io.cdp.gateway.route.RouteProperties}. The
 * ingest paths are listed once, in {@link io.cdp.gateway.route.IngestPaths}, for routing
 * and for the access rules alike.
 */
@NullMarked
package io.cdp.gateway.route;

import org.jspecify.annotations.NullMarked;
