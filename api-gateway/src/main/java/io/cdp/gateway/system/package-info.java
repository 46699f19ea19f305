/**
 * Cross-cutting HTTP concerns of the gateway: RFC 9457 problem details for every error
 * (from controllers and from filters alike), request ids, the access log and metrics, and
 * the request size limit.
 */
@NullMarked
package io.cdp.gateway.system;

import org.jspecify.annotations.NullMarked;
