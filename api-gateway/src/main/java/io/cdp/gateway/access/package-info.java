/**
 * Who may do what: the ingest paths keep their own credentials and pass unchanged; every
 * other request needs {@code Authorization: Bearer <api key>} with the scope its path
 * asks for, or the console's session cookie that stands for such a key. Towards the
 * services the gateway replaces the client's credentials with its own signed
 * {@code X-CDP-Caller} header.
 */
@NullMarked
package io.cdp.gateway.access;

import org.jspecify.annotations.NullMarked;
