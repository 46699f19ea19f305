/**
 * The ceiling of a single-call ingest endpoint on this machine: a bare Spring Boot web
 * app whose one endpoint sends the POST body to Kafka with the ingest's durability and
 * answers 200 after the ack ({@link io.cdp.bench.ceiling.CeilingApplication}), started by
 * the benchmark as a child JVM ({@link io.cdp.bench.ceiling.CeilingProcess}) so that
 * {@code /v1/track} can be compared with it in the same run.
 */
@NullMarked
package io.cdp.bench.ceiling;

import org.jspecify.annotations.NullMarked;
