package io.cdp.profile.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One trait of a profile: its value and where and when it was last set (last write wins
 * by {@code occurredAt}).
 *
 * @param value the JSON value
 * @param sourceId the source that set it
 * @param occurredAt when it was set
 */
record TraitView(@Nullable JsonNode value, String sourceId, Instant occurredAt) {

}
