/**
 * JSON for everything the services exchange on Kafka: one shared, configured Jackson
 * mapper and the Kafka serdes built on it. Canonical events carry an explicit schema
 * version that readers check; unknown fields are ignored so producers can add fields
 * before consumers know them.
 */
@NullMarked
package io.cdp.contract.json;

import org.jspecify.annotations.NullMarked;
