package io.cdp.profile.identity;

import java.time.Instant;
import java.util.List;

/**
 * An identifier value that too many profiles tried to link through (a kiosk's device id,
 * a shop's shared address): it no longer links anyone. On the compacted hubs topic, keyed
 * by {@code type:value}, and in a global store every instance reads.
 *
 * @param identifier the identifier, {@code type:value}
 * @param profileIds the profiles seen with it when it became a hub: the one holding it
 * and those whose links through it the identity rules refused
 * @param since when it became a hub
 */
public record HubIdentifier(String identifier, List<String> profileIds, Instant since) {

	/** Copies the profile ids. */
	public HubIdentifier {
		profileIds = List.copyOf(profileIds);
	}

}
