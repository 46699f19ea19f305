package io.cdp.ingest.deadletter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored dead letter with its id and replay state, as read back.
 *
 * @param id the row's id
 * @param letter what was stored
 * @param storedAt when it was stored
 * @param replay what the last replay did, if there was one
 */
record DeadLetterRow(long id, StoredLetter letter, Instant storedAt, ReplayState replay) {

	/**
	 * The replay history of one dead letter.
	 *
	 * @param replayedAt when it was last replayed, or null if never
	 * @param count how many replays were tried
	 * @param outcome the last replay's outcome, or null if never
	 * @param detail what the last replay said, such as a new reason
	 */
	record ReplayState(@Nullable Instant replayedAt, int count, @Nullable String outcome, @Nullable String detail) {

		boolean published() {
			return ReplayOutcome.PUBLISHED.wireName().equals(this.outcome);
		}

	}

}
