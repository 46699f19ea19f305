/**
 * Resolves the identifiers on every event into one profile per person with Kafka Streams,
 * stores profiles and history in PostgreSQL and serves them over REST.
 */
@NullMarked
package io.cdp.profile;

import org.jspecify.annotations.NullMarked;
