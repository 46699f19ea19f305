package io.cdp.ingest.deadletter;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Where a dead letter comes from, and so how it is replayed. */
enum LetterKind {

	/**
	 * Refused at the door by ingest ({@code cdp.events.dlq.v1}): replayed by reading it
	 * again through its source's current intake.
	 */
	REJECTED,

	/**
	 * Taken in by a stage that could not process it ({@code cdp.quarantine.v1}): replayed
	 * by producing its original bytes onto its original topic.
	 */
	QUARANTINED;

	/** The name in the table, the API and metrics. */
	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static @Nullable LetterKind fromWireName(String name) {
		for (LetterKind kind : values()) {
			if (kind.wireName().equals(name)) {
				return kind;
			}
		}
		return null;
	}

}
