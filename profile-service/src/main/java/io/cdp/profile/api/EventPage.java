package io.cdp.profile.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a person's history, newest first.
 *
 * @param profileId the surviving profile's id
 * @param events the events of the page, by occurredAt then message id, descending
 * @param nextCursor pass as {@code cursor} to read the next page; null on the last page
 */
record EventPage(String profileId, List<EventView> events, @Nullable String nextCursor) implements ProfileAnswer {

	EventPage {
		events = List.copyOf(events);
	}

}
