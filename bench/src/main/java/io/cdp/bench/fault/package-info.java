/**
 * The fault test ({@code bench/fault.sh}): a steady load through the gateway with an
 * SDK's retries, while each service and the broker are killed and PostgreSQL is stopped
 * and started again; afterwards every event that got a 200 must be in the store exactly
 * once, and each fault's time to recover is reported.
 */
@NullMarked
package io.cdp.bench.fault;

import org.jspecify.annotations.NullMarked;
