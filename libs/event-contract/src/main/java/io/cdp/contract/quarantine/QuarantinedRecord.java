package io.cdp.contract.quarantine;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A record a stage of the pipeline took in but could not process, kept on
 * {@code cdp.quarantine.v1} with where it came from and why, so that the stage moves on
 * and the record can be inspected and replayed onto its original topic after a fix.
 *
 * <p>
 * The key and value are the original bytes, exactly as they were on the original topic
 * (written as base64 in JSON), because a record that could not be read cannot be trusted
 * to survive being turned into text and back. Everything else is text that is safe to
 * store anywhere: see {@link #safeText}.
 *
 * <p>
 * Arrays make {@code equals} compare the key and value by identity; compare
 * {@link #coordinates()} or the components instead.
 *
 * @param stage the step that gave up, for example {@code identity.gather},
 * {@code identity.profile} or {@code store.writer}; see {@link Stages}
 * @param reason a short, stable code for the kind of failure (a metric tag); see
 * {@link Reasons}
 * @param error what went wrong, for a person to read; at most {@value #MAX_ERROR_LENGTH}
 * characters, without the record's content where the failing library allows
 * @param topic the topic the record was read from (the one a replay writes to), or null
 * when it never reached a topic (a record too large to produce, say, where the topic is
 * the one it was meant for)
 * @param partition its partition, or -1 when unknown
 * @param offset its offset, or -1 when unknown
 * @param key the record's key bytes, or null
 * @param value the record's value bytes, or null
 * @param sourceId the source that sent the event, when it could still be read
 * @param messageId the event's messageId, when it could still be read
 * @param quarantinedAt when the stage gave up on it
 */
public record QuarantinedRecord(String stage, String reason, String error, @Nullable String topic, int partition,
		long offset, byte @Nullable [] key, byte @Nullable [] value, @Nullable String sourceId,
		@Nullable String messageId, Instant quarantinedAt) {

	/** The longest error text kept. */
	public static final int MAX_ERROR_LENGTH = 2000;

	/**
	 * Checks the required components and makes the texts safe.
	 * @throws NullPointerException if stage, reason, error or quarantinedAt is null
	 * @throws IllegalArgumentException if stage or reason is blank
	 */
	public QuarantinedRecord {
		Objects.requireNonNull(stage, "stage must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
		Objects.requireNonNull(error, "error must not be null");
		Objects.requireNonNull(quarantinedAt, "quarantinedAt must not be null");
		if (stage.isBlank() || reason.isBlank()) {
			throw new IllegalArgumentException("stage and reason must not be blank");
		}
		error = safeText(error, MAX_ERROR_LENGTH);
		topic = (topic != null) ? safeText(topic, 249) : null;
		sourceId = (sourceId != null) ? safeText(sourceId, 200) : null;
		messageId = (messageId != null) ? safeText(messageId, 200) : null;
	}

	/**
	 * Describes a failure for {@link #error()}: the exception's type and message, and its
	 * root cause's when that is another.
	 * @param failure what was thrown
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (root != failure) {
			text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
		}
		return text;
	}

	/**
	 * Where the record was: {@code topic-partition@offset}, for logs.
	 * @return the coordinates
	 */
	public String coordinates() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

	/**
	 * Makes text storable everywhere it goes next (JSON, PostgreSQL {@code text}, logs):
	 * NUL and other C0 controls but tab, line feed and carriage return, and unpaired
	 * UTF-16 surrogates, become U+FFFD; the text is cut to a maximum length without
	 * splitting a surrogate pair.
	 * @param text the text
	 * @param maxLength the most characters kept
	 * @return the safe text
	 */
	public static String safeText(String text, int maxLength) {
		StringBuilder safe = null;
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			boolean bad;
			if (Character.isHighSurrogate(c)) {
				bad = i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1));
				if (!bad) {
					if (safe != null) {
						safe.append(c).append(text.charAt(i + 1));
					}
					i++;
					continue;
				}
			}
			else {
				bad = Character.isLowSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
			}
			if (bad && safe == null) {
				safe = new StringBuilder(length).append(text, 0, i);
			}
			if (safe != null) {
				safe.append(bad ? '\uFFFD' : c);
			}
		}
		String result = (safe != null) ? safe.toString() : text;
		if (result.length() > maxLength) {
			int end = maxLength;
			if (end > 0 && Character.isHighSurrogate(result.charAt(end - 1))) {
				end--;
			}
			result = result.substring(0, end);
		}
		return result;
	}

	/** The stage names used across the platform. */
	public static final class Stages {

		/**
		 * Identity resolution's gather step (events and lookup replies, keyed by
		 * messageId).
		 */
		public static final String IDENTITY_GATHER = "identity.gather";

		/** Identity resolution's identifier step (identifier → profile). */
		public static final String IDENTITY_IDENTIFIER = "identity.identifier";

		/** Identity resolution's profile step (profile commands, keyed by profileId). */
		public static final String IDENTITY_PROFILE = "identity.profile";

		/**
		 * The serving store's writer (profiles, profile events, merges into PostgreSQL).
		 */
		public static final String STORE_WRITER = "store.writer";

		private Stages() {
		}

	}

	/** The reason codes used across the platform. */
	public static final class Reasons {

		/** The record's bytes could not be read (corrupt, another schema version). */
		public static final String UNREADABLE = "unreadable";

		/** A processor threw while handling the record. */
		public static final String PROCESSING_FAILED = "processing-failed";

		/** A result of the record could not be written as bytes. */
		public static final String UNWRITABLE = "unwritable";

		/** A result of the record was larger than Kafka accepts. */
		public static final String TOO_LARGE = "too-large";

		/** Kept state the record needed could not be read. */
		public static final String UNREADABLE_STATE = "unreadable-state";

		/**
		 * PostgreSQL refused the row for good (a value out of range, a NUL, a
		 * constraint).
		 */
		public static final String REFUSED_BY_DATABASE = "refused-by-database";

		private Reasons() {
		}

	}

}
