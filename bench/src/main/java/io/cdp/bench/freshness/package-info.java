/**
 * Freshness: how long after the ingest-service answered 200 an event shows in the
 * person's history on the profile API, measured with probe events under a steady
 * background load.
 */
@NullMarked
package io.cdp.bench.freshness;

import org.jspecify.annotations.NullMarked;
