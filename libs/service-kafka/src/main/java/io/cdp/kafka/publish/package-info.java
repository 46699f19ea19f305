/**
 * Publishing from outside a stream topology: records sent with {@code acks=all} that the
 * caller waits for.
 */
@NullMarked
package io.cdp.kafka.publish;

import org.jspecify.annotations.NullMarked;
