/**
 * The raw limits of the machine's Kafka broker and PostgreSQL, measured in the same run:
 * Kafka's own producer and end-to-end latency tools with the ingest's producer settings
 * and record size, and a primary-key SELECT loop on the profile tables over JDBC.
 */
@NullMarked
package io.cdp.bench.raw;

import org.jspecify.annotations.NullMarked;
