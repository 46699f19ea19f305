/**
 * The ingest-service's public paths, as the API gateway routes them and the
 * ingest-service maps them: one list, so that a path the service adds is routed and a
 * path the gateway opens is served.
 */
@NullMarked
package io.cdp.contract.ingest;

import org.jspecify.annotations.NullMarked;
