package io.cdp.profile.identity;

import io.cdp.contract.profile.ProfileState;

/**
 * What the profile step hands the membership step when a privacy request deletes an
 * active profile: its last state, whose identifiers the departures carry so that a
 * destination can remove the person.
 *
 * @param state the profile's last state
 */
record Forgotten(ProfileState state) {

}
