package io.cdp.profile.api;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.cdp.profile.cx.CustomerExperience;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Values the profile service derives from a person's events.
 *
 * @param firstSeen occurredAt of the earliest event, null before any event
 * @param lastSeen occurredAt of the latest event, null before any event
 * @param eventCount how many distinct events the person has
 * @param eventsByChannel event counts per channel ({@code web}, {@code email}, ...)
 * @param eventsByType event counts per event type ({@code track}, {@code identify}, ...)
 * @param cx the customer-experience values (value, engagement, satisfaction, journey
 * stage), as of the request
 * @param traits the custom computed traits ({@code /v1/admin/computed-traits}) that are
 * ready, by name: the value, 0 for a count without a matching event, null for another
 * aggregate without one; windowed values are kept within
 * {@code cdp.computed-traits.interval}
 */
record ComputedView(@Nullable Instant firstSeen, @Nullable Instant lastSeen, long eventCount,
		Map<String, Long> eventsByChannel, Map<String, Long> eventsByType, CustomerExperience cx,
		Map<String, JsonNode> traits) {

	ComputedView {
		eventsByChannel = (eventsByChannel != null) ? Map.copyOf(eventsByChannel) : Map.of();
		eventsByType = (eventsByType != null) ? Map.copyOf(eventsByType) : Map.of();
		traits = Collections.unmodifiableMap(new TreeMap<>(traits));
	}

}
