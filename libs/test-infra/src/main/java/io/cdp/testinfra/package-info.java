/**
 * Real infrastructure for integration tests: annotate a class with
 * {@link RealInfrastructure} and it gets a real Kafka broker and a real PostgreSQL, each
 * shared by the JVM and isolated per class (own topics, own database). The backend is
 * chosen once per run and logged.
 */
@NullMarked
package io.cdp.testinfra;

import org.jspecify.annotations.NullMarked;
