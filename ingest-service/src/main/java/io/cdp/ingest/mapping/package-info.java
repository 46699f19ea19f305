/**
 * Mapped sources: {@code POST /v1/sources/{sourceId}/events} takes any JSON object or
 * array and turns each element into a canonical event with the source's declarative
 * mapping (JSON Pointer or JSONPath expressions per event field), so that a data engineer
 * adds a source by configuration, without Java. Mappings are checked when the source is
 * created and parsed once per source.
 */
@NullMarked
package io.cdp.ingest.mapping;

import org.jspecify.annotations.NullMarked;
