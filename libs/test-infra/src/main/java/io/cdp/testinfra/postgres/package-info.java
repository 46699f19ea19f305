/**
 * The PostgreSQL servers tests can run against: an external URL, Testcontainers, the
 * local server, or an embedded PostgreSQL 17. One is used per JVM; each test class gets a
 * database of its own on it.
 */
@NullMarked
package io.cdp.testinfra.postgres;

import org.jspecify.annotations.NullMarked;
