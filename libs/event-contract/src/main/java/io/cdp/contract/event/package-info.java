/**
 * The canonical customer event that every channel is mapped into, and the identifiers
 * that name a person in it. These records are the wire contract between ingestion and
 * profile building: changing a component or its JSON name is a schema change. Also owns
 * the dead-letter record for events that could not be accepted, sent-at clock skew
 * correction, and the content rules every event passes before it is published.
 */
@NullMarked
package io.cdp.contract.event;

import org.jspecify.annotations.NullMarked;
