/**
 * What a service's batch writer (Kafka in, PostgreSQL out) takes from spring-kafka, set
 * up once: a consumer that reads only committed records and never commits by itself, and
 * a listener container that commits a batch's offsets only after the listener stored it.
 * The writers keep their own listener, error handler and health.
 */
@NullMarked
package io.cdp.kafka.batch;

import org.jspecify.annotations.NullMarked;
