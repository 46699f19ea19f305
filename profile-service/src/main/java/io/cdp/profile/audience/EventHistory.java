package io.cdp.profile.audience;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The stored history of profiles' events, read for the counters of an audience created or
 * changed after the events happened. The membership step counts events as it applies
 * them; an audience that asks for events from before it existed takes their counts from
 * here, once for each profile, and is exact only when the history read holds every event
 * the step applied to the profile: {@link History#storedEvents()} says how many that is,
 * to be compared with the profile's own event count.
 */
public interface EventHistory {

	/**
	 * Reads, away from the calling thread, the day counts of some counters for some
	 * profiles.
	 * @param profiles the profiles, each with the ids merged into it (an event stays
	 * stored under the id of the profile that first took it)
	 * @param windows the counters, each with the days back from {@code now} it needs
	 * @param now the moment the windows end
	 * @return per profile id, what is stored of it; a profile without any stored event
	 * may be absent
	 */
	CompletableFuture<Map<String, History>> read(List<Group> profiles, Map<EventCounter, Integer> windows, Instant now);

	/**
	 * A profile and the profiles merged into it.
	 *
	 * @param profileId the profile id
	 * @param mergedProfileIds the ids merged into it
	 */
	record Group(String profileId, Set<String> mergedProfileIds) {

		/** Copies the ids, which are immutable from then on. */
		public Group {
			mergedProfileIds = Set.copyOf(mergedProfileIds);
		}

	}

	/**
	 * What is stored of one profile.
	 *
	 * @param storedEvents how many of its events (its own and those of the profiles
	 * merged into it) are stored
	 * @param counts per counter, the counts by day within the counter's window; a counter
	 * without a counted event is absent
	 */
	record History(long storedEvents, Map<EventCounter, DailyCounts> counts) {

		/** Copies the counts, which are immutable from then on. */
		public History {
			counts = Map.copyOf(counts);
		}

	}

}
