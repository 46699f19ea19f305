/**
 * The request id of every HTTP request: taken from the gateway's {@code X-Request-Id} (or
 * made up when a caller sent none or a malformed one), put in the logging MDC under
 * {@code requestId} while the request is handled and echoed on the response, so that a
 * request can be followed through the gateway's access log and the service's own log.
 */
@NullMarked
package io.cdp.web.requestid;

import org.jspecify.annotations.NullMarked;
