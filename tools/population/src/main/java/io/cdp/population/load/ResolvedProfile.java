package io.cdp.population.load;

import java.time.Duration;
import java.util.List;

/**
 * A person's profile as the profile API served it once it showed their whole journey.
 *
 * @param profileId the unified profile's id
 * @param eventCount how many events it holds
 * @param identifiers its identifiers as {@code type:value}
 * @param channels the channels its events came from
 * @param waited how long after the call it took to be complete
 */
public record ResolvedProfile(String profileId, long eventCount, List<String> identifiers, List<String> channels,
		Duration waited) {

	public ResolvedProfile {
		identifiers = List.copyOf(identifiers);
		channels = List.copyOf(channels);
	}

}
