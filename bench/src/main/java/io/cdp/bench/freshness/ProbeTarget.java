package io.cdp.bench.freshness;

/**
 * A person of the population a probe event is sent for, and the profile the event must
 * show in.
 *
 * @param userId the person's login id, which the probe carries
 * @param profileId the person's profile
 */
public record ProbeTarget(String userId, String profileId) {

}
