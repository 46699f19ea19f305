package io.cdp.profile.merge;

import io.cdp.contract.event.CustomerEvent;

/**
 * An event with the profile it was resolved to, on {@code cdp.profile-events.v1}.
 *
 * @param profileId the profile that took the event
 * @param event the event, with normalised identifiers
 */
public record ProfileEvent(String profileId, CustomerEvent event) {

}
