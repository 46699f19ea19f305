/**
 * JSON for everything the services exchange on Kafka: one shared, configured Jackson
 * mapper and the Kafka serdes built on it. Canonical events carry an explicit schema
 * version that readers check; unknown fields are ignored so producers can add fields
 * before consumers know them. The profile service's records go through
 * {@link io.cdp.contract.json.RoundTripJson}, the same format with defences that let it
 * read back whatever it wrote.
 */
@NullMarked
package io.cdp.contract.json;

import org.jspecify.annotations.NullMarked;
