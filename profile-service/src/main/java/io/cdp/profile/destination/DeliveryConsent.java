package io.cdp.profile.destination;

import io.cdp.contract.audience.AudienceMembershipChange;

/**
 * The hook consulted for each change just before it is sent to a destination: consent and
 * suppression are honoured at send time, so a person who withdrew consent or was
 * suppressed after the change was queued is not sent. A change it refuses is not sent and
 * is recorded as {@code suppressed}, never retried.
 *
 * <p>
 * The default allows everything ({@link #ALLOW_ALL}); the privacy work provides the real
 * rules as a bean of this type, which replaces the default.
 */
@FunctionalInterface
public interface DeliveryConsent {

	/** Allows every change: the default until consent and suppression are defined. */
	DeliveryConsent ALLOW_ALL = (destination, change) -> true;

	/**
	 * Whether the change may be sent to the destination.
	 * @param destinationName the destination's name
	 * @param change the change, with the profile it concerns
	 * @return true to send it, false to suppress it
	 */
	boolean allows(String destinationName, AudienceMembershipChange change);

}
