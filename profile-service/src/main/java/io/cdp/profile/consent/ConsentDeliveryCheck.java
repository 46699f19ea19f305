package io.cdp.profile.consent;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.profile.destination.DeliveryConsent;

import org.springframework.stereotype.Component;

/**
 * The destinations' send-time check, with the consent the serving store holds at that
 * moment: an entry is sent only when the person granted every purpose the destination
 * needs ({@code consent} of the destination's settings), so a person who withdrew consent
 * after entering an audience is not sent. A departure is always sent, so that the
 * destination can forget the person.
 */
@Component
class ConsentDeliveryCheck implements DeliveryConsent {

	private final ConsentRepository consent;

	ConsentDeliveryCheck(ConsentRepository consent) {
		this.consent = consent;
	}

	@Override
	public boolean allows(String destinationName, AudienceMembershipChange change) {
		if (AudienceMembershipChange.LEFT.equals(change.change())) {
			return true;
		}
		return this.consent.grantsAllOf(destinationName, change.profileId());
	}

}
