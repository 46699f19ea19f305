/**
 * Identity resolution with Kafka Streams: the partitioned lookup, gather and profile
 * steps that turn events from every channel into one profile per person
 * ({@link ProfileTopology}), their messages and serdes, and the Streams client's
 * lifecycle.
 */
@NullMarked
package io.cdp.profile.identity;

import org.jspecify.annotations.NullMarked;
