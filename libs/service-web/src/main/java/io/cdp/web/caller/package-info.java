/**
 * No way around the gateway: a service declares which of its paths need which scope
 * ({@link io.cdp.web.caller.CallerRules}), and a filter lets a request to such a path
 * through only with the gateway's signed, fresh {@code X-CDP-Caller} header (or a direct
 * credential the service accepts) carrying that scope. Refusals are RFC 9457 problem
 * details; the verified caller is a request attribute.
 */
@NullMarked
package io.cdp.web.caller;

import org.jspecify.annotations.NullMarked;
