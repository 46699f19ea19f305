package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.event.CustomerEvent;

/**
 * An event waiting in the gather step for the answers of its identifier nodes.
 *
 * @param event the event, with normalised identifiers
 * @param expectedReplies how many lookups it sent
 * @param replies the answers so far, as an earlier version of the gather step kept them;
 * empty now that the answers are kept apart ({@link PendingReplies})
 */
record PendingEvent(CustomerEvent event, int expectedReplies, List<LookupReply> replies) {

	PendingEvent {
		replies = List.copyOf(replies);
	}

	PendingEvent with(LookupReply reply) {
		List<LookupReply> more = new ArrayList<>(this.replies);
		more.add(reply);
		return new PendingEvent(this.event, this.expectedReplies, more);
	}

	boolean isComplete() {
		return this.replies.size() >= this.expectedReplies;
	}

}
