/**
 * The support and marketing console at {@code /console}: its pages and assets (from the
 * {@code console} module and webjars on the classpath) with a strict
 * Content-Security-Policy, and the exchange of an API key for a session cookie. The pages
 * call the same public API as any client, signed in by that cookie; there is no other way
 * in.
 */
@NullMarked
package io.cdp.gateway.console;

import org.jspecify.annotations.NullMarked;
