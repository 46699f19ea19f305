package io.cdp.profile.api;

import java.time.Instant;
import java.util.Map;

import io.cdp.contract.profile.CxFacts;
import io.cdp.profile.cx.CustomerExperience;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The computed fields as the store writer keeps them in {@code profiles.computed}: the
 * counts, and the customer-experience facts from which the values shown are derived at
 * each request. A profile with no event yet has {@code computed = '{}'}, which reads as
 * zero counts and no facts.
 *
 * @param firstSeen occurredAt of the earliest event
 * @param lastSeen occurredAt of the latest event
 * @param eventCount how many distinct events
 * @param eventsByChannel event counts per channel
 * @param eventsByType event counts per event type
 * @param cx the customer-experience facts, absent in rows written before they existed
 */
record StoredComputed(@Nullable Instant firstSeen, @Nullable Instant lastSeen, long eventCount,
		@Nullable Map<String, Long> eventsByChannel, @Nullable Map<String, Long> eventsByType, @Nullable CxFacts cx) {

	/**
	 * The view of these fields.
	 * @param experience the customer-experience values derived from {@link #cx()}
	 * @param traits the values of the custom computed traits, by name
	 * @return the view
	 */
	ComputedView view(CustomerExperience experience, Map<String, JsonNode> traits) {
		return new ComputedView(this.firstSeen, this.lastSeen, this.eventCount, this.eventsByChannel, this.eventsByType,
				experience, traits);
	}

}
