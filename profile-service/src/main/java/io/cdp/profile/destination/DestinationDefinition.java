package io.cdp.profile.destination;

import java.util.List;
import java.util.Set;

import io.cdp.contract.audience.AudienceMembershipChange;
import org.jspecify.annotations.Nullable;

/**
 * A destination's settings as the admin API takes them, validated.
 *
 * @param name unique, {@code [a-z][a-z0-9_-]{0,62}}
 * @param url where batches are posted, allowed by the {@link AddressRules}
 * @param audiences the ids or names of the audiences whose changes it receives; null for
 * every audience
 * @param identifiers the identifier types sent with each change ({@code email},
 * {@code user_id}...); empty for none
 * @param traits the trait names sent with each change; empty for none
 * @param batchSize the most changes per request, 1 to 1000
 * @param batchIntervalMs how long a change may wait for its batch to fill up
 * @param rateLimit the most requests per second
 * @param deadLetterAfterHours how long a batch is retried before its changes go to the
 * dead-letter list
 * @param consent the purposes a person must have granted for an entry to be sent
 * ({@code marketing}, {@code email}...); empty for none. Checked at send time, so that a
 * person who withdrew consent after entering is not sent; a person leaving is always
 * sent, so that the destination can forget them
 */
record DestinationDefinition(String name, String url, @Nullable List<String> audiences, List<String> identifiers,
		List<String> traits, int batchSize, long batchIntervalMs, double rateLimit, int deadLetterAfterHours,
		List<String> consent) {

	DestinationDefinition {
		audiences = (audiences != null) ? List.copyOf(audiences) : null;
		identifiers = List.copyOf(identifiers);
		traits = List.copyOf(traits);
		consent = List.copyOf(consent);
	}

	/** A destination that needs no consent. */
	DestinationDefinition(String name, String url, @Nullable List<String> audiences, List<String> identifiers,
			List<String> traits, int batchSize, long batchIntervalMs, double rateLimit, int deadLetterAfterHours) {
		this(name, url, audiences, identifiers, traits, batchSize, batchIntervalMs, rateLimit, deadLetterAfterHours,
				List.of());
	}

	/**
	 * Whether a change is for this destination.
	 * @param change the change
	 * @return true when the destination takes every audience or names the change's
	 * audience by id or name
	 */
	boolean wants(AudienceMembershipChange change) {
		if (this.audiences == null) {
			return true;
		}
		Set<String> named = Set.copyOf(this.audiences);
		return named.contains(change.audienceId()) || named.contains(change.audienceName());
	}

}
