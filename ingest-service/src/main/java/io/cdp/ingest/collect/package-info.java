/**
 * What every intake channel has in common: the outcome of reading one message (accepted
 * event or rejection) and the receipt an ingest request answers with.
 */
@NullMarked
package io.cdp.ingest.collect;

import org.jspecify.annotations.NullMarked;
