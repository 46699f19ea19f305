/**
 * The signed caller identity the API gateway passes to the services behind it, so that
 * the services can refuse calls that did not come through the gateway, and the audit
 * header by which a service tells the gateway which profiles an answer is about.
 */
@NullMarked
package io.cdp.contract.caller;

import org.jspecify.annotations.NullMarked;
