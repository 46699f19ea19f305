/**
 * The Kafka brokers tests can run against: an external cluster, Testcontainers, or a
 * KRaft broker inside the test JVM. One is started per JVM.
 */
@NullMarked
package io.cdp.testinfra.kafka;

import org.jspecify.annotations.NullMarked;
