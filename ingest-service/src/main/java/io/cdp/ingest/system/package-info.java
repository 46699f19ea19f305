/**
 * What the ingest service needs across features: RFC 9457 problem details for every
 * error, CORS for browser SDKs, which paths need the gateway's admin caller, scheduling.
 */
@NullMarked
package io.cdp.ingest.system;

import org.jspecify.annotations.NullMarked;
