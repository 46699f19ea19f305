/**
 * What the ingest service needs across features: CORS for browser SDKs, which paths need
 * the gateway's admin caller, scheduling. Errors are answered by service-web's problem
 * details ({@code io.cdp.web.problem}); each feature's exceptions carry their own type.
 */
@NullMarked
package io.cdp.ingest.system;

import org.jspecify.annotations.NullMarked;
