/**
 * The Segment-compatible HTTP tracking API ({@code /v1/track} … {@code /v1/batch} and
 * every alias the SDKs use): existing Segment and RudderStack SDKs send here by changing
 * only the host.
 */
@NullMarked
package io.cdp.ingest.segment;

import org.jspecify.annotations.NullMarked;
