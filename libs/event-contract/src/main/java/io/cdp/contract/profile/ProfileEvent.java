package io.cdp.contract.profile;

import io.cdp.contract.event.CustomerEvent;

/**
 * An event with the profile it was resolved to, on {@code cdp.profile-events.v1} keyed by
 * profileId. The profile is the one that took the event when it was resolved; it may be
 * merged into another later, which {@code cdp.profile-merges.v1} and the forwarding
 * pointers on {@code cdp.profiles.v1} tell.
 *
 * @param profileId the profile that took the event
 * @param event the event, with normalised identifiers
 */
public record ProfileEvent(String profileId, CustomerEvent event) {

}
