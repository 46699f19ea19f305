/**
 * Routing: which path goes to which upstream service, with the upstreams' addresses,
 * timeouts and retries taken from {@link io.cdp.gateway.route.RouteProperties}. The
 * ingest paths come from the ingest-service's list in the event contract, through
 * {@link io.cdp.gateway.route.IngestPaths}, for routing and for the access rules alike.
 */
@NullMarked
package io.cdp.gateway.route;

import org.jspecify.annotations.NullMarked;
