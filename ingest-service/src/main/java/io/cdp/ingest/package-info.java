/**
 * Takes events from web, mobile, email and support channels and from configured sources,
 * validates them against the event contract and publishes them to Kafka, acknowledging
 * only after Kafka has.
 */
@NullMarked
package io.cdp.ingest;

import org.jspecify.annotations.NullMarked;
