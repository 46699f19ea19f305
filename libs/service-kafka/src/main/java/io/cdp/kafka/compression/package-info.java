/**
 * The codecs Kafka's clients compress record batches with: the native lz4 library loaded
 * where the service runs from an executable jar, in which Kafka would otherwise fall back
 * to lz4's Java implementation.
 */
@NullMarked
package io.cdp.kafka.compression;

import org.jspecify.annotations.NullMarked;
