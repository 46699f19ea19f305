/**
 * Redis for integration tests: an external server, a Testcontainers container, the
 * machine's local server or an embedded {@code redis-server}, whichever applies first.
 */
@NullMarked
package io.cdp.testinfra.redis;

import org.jspecify.annotations.NullMarked;
