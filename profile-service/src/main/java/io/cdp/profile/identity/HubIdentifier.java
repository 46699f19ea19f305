package io.cdp.profile.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An identifier value that no longer links anyone: too many profiles tried to link
 * through it (a kiosk's device id, a shop's shared address), or an operator detached it
 * from a profile with a split. On the compacted hubs topic, keyed by {@code type:value},
 * and in a global store every instance reads.
 *
 * @param identifier the identifier, {@code type:value}
 * @param profileIds the profiles seen with it when it became a hub: the one holding it
 * and those whose links through it the identity rules refused; for a detached one, the
 * profiles the split made
 * @param since when it became a hub
 * @param reason why it stopped linking: null for a hub found by the threshold (records of
 * an earlier version), {@link #DETACHED} and the split for one detached by a split
 */
public record HubIdentifier(String identifier, List<String> profileIds, Instant since, @Nullable String reason) {

	/** The reason of an identifier detached by a split, followed by the split's id. */
	public static final String DETACHED = "detached by split ";

	/** Copies the profile ids. */
	public HubIdentifier {
		profileIds = List.copyOf(profileIds);
	}

	/**
	 * A hub found by the threshold.
	 * @param identifier the identifier
	 * @param profileIds the profiles seen with it
	 * @param since when it became a hub
	 */
	public HubIdentifier(String identifier, List<String> profileIds, Instant since) {
		this(identifier, profileIds, since, null);
	}

}
