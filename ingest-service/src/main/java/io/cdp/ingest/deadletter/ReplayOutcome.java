package io.cdp.ingest.deadletter;

/** What a replay did with one dead letter. */
enum ReplayOutcome {

	/** Written to its topic: its original bytes, or the event its source now reads. */
	PUBLISHED("published"),

	/** Published by an earlier replay; not written again. */
	ALREADY_REPLAYED("already-replayed"),

	/**
	 * Read again through its source's intake and still refused; the new reason is kept.
	 */
	STILL_INVALID("still-invalid"),

	/**
	 * Cannot be replayed: its topic is not one the platform writes, or was never known.
	 */
	NOT_REPLAYABLE("not-replayable"),

	/** Its source no longer exists or is disabled. */
	SOURCE_UNAVAILABLE("source-unavailable"),

	/** No dead letter has this id. */
	NOT_FOUND("not-found"),

	/** Kafka did not take it in time; it can be replayed again. */
	FAILED("failed");

	private final String wireName;

	ReplayOutcome(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return this.wireName;
	}

}
