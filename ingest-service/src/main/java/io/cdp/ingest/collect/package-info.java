/**
 * What every intake channel has in common when it reads messages: one kit for typed JSON
 * fields ({@link io.cdp.ingest.collect.JsonFields}) with one rejection type naming the
 * field ({@link io.cdp.ingest.collect.InvalidFieldException}), the outcome of reading one
 * message (accepted event or rejection), message ids derived from what senders repeat,
 * the size limits, and the receipt an ingest request answers with.
 */
@NullMarked
package io.cdp.ingest.collect;

import org.jspecify.annotations.NullMarked;
