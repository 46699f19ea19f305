/**
 * Puts accepted events on {@code cdp.events.v1} and rejected messages on the dead-letter
 * topic, answering only once Kafka has acknowledged them all; turns Kafka trouble into
 * 503s that SDKs retry.
 */
@NullMarked
package io.cdp.ingest.publish;

import org.jspecify.annotations.NullMarked;
