/**
 * The signed caller identity the API gateway passes to the services behind it, so that
 * the services can refuse calls that did not come through the gateway.
 */
@NullMarked
package io.cdp.contract.caller;

import org.jspecify.annotations.NullMarked;
