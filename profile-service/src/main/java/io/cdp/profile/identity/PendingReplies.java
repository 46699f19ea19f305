package io.cdp.profile.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers an event waiting in the gather step has had so far, kept apart from the
 * event itself: each reply rewrites only this small record, and the event is read once,
 * when the last answer is in.
 *
 * @param expected how many lookups the event sent
 * @param replies the answers so far
 */
record PendingReplies(int expected, List<LookupReply> replies) {

	PendingReplies {
		replies = List.copyOf(replies);
	}

	PendingReplies with(LookupReply reply) {
		List<LookupReply> more = new ArrayList<>(this.replies.size() + 1);
		more.addAll(this.replies);
		more.add(reply);
		return new PendingReplies(this.expected, more);
	}

	boolean isComplete() {
		return this.replies.size() >= this.expected;
	}

}
