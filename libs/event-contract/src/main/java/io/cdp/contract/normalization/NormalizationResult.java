package io.cdp.contract.normalization;

import java.util.Objects;

import io.cdp.contract.event.Identifier;

/**
 * What normalising one identifier decided. Callers switch over the three cases: use a
 * {@link Normalized} identifier, silently skip a {@link Dropped} one (junk is expected in
 * real traffic), and report a {@link Rejected} one (the sender made a mistake worth
 * telling them). Reasons name the identifier type and the rule but never the value, so
 * they are safe to log.
 */
public sealed interface NormalizationResult {

	/**
	 * Returns a successful result.
	 * @param identifier the normalised identifier
	 * @return the result
	 */
	static NormalizationResult normalized(Identifier identifier) {
		return new Normalized(identifier);
	}

	/**
	 * Returns a result for a junk or blocked value.
	 * @param reason why it was dropped
	 * @return the result
	 */
	static NormalizationResult dropped(String reason) {
		return new Dropped(reason);
	}

	/**
	 * Returns a result for a malformed value.
	 * @param reason why it was rejected
	 * @return the result
	 */
	static NormalizationResult rejected(String reason) {
		return new Rejected(reason);
	}

	/**
	 * The identifier in its canonical form, ready for identity resolution.
	 *
	 * @param identifier the normalised identifier
	 */
	record Normalized(Identifier identifier) implements NormalizationResult {

		/**
		 * Checks the identifier is present.
		 * @param identifier the normalised identifier
		 */
		public Normalized {
			Objects.requireNonNull(identifier, "identifier must not be null");
		}

	}

	/**
	 * A placeholder or blocked value that names nobody: skip it.
	 *
	 * @param reason why it was dropped
	 */
	record Dropped(String reason) implements NormalizationResult {

		/**
		 * Checks the reason is present.
		 * @param reason why it was dropped
		 */
		public Dropped {
			Objects.requireNonNull(reason, "reason must not be null");
		}

	}

	/**
	 * A value that is not a valid identifier of its type: report it to the sender.
	 *
	 * @param reason why it was rejected
	 */
	record Rejected(String reason) implements NormalizationResult {

		/**
		 * Checks the reason is present.
		 * @param reason why it was rejected
		 */
		public Rejected {
			Objects.requireNonNull(reason, "reason must not be null");
		}

	}

}
