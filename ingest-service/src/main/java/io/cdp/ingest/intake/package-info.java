/**
 * The step every intake channel takes around its own reading: the request body read
 * within its limit, the caller authenticated by write key as a source of the channel's
 * kind, and the channel's outcomes published and answered with a receipt. Channels
 * ({@code segment}, {@code webhook}, {@code mapping}) call it; it knows none of them.
 */
@NullMarked
package io.cdp.ingest.intake;

import org.jspecify.annotations.NullMarked;
