package io.cdp.contract.profile;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person's answer for one consent purpose ({@code marketing}, {@code analytics},
 * {@code email} ...), as the profile keeps it in {@link ProfileState#consent()}: whether
 * it is granted, where the answer came from and when. The newest answer by
 * {@code occurredAt} wins, whatever order the answers arrive in; when two profiles of one
 * person disagree at a merge, the denial wins and is marked {@link #conflict()}.
 *
 * @param granted whether the purpose is granted
 * @param source where the answer came from: {@link #SEGMENT_CONTEXT},
 * {@link #SEGMENT_PREFERENCE_EVENT}, {@code email.<provider>} (an unsubscribe or
 * resubscribe of an email provider, such as {@code email.sendgrid}) or {@link #ADMIN}
 * @param occurredAt when the person answered: the event's occurredAt, or the time the
 * admin call gave
 * @param messageId the event that carried the answer (or the id of the admin call); it
 * breaks ties between answers at the same instant
 * @param conflict true when profiles merged into this one answered differently and the
 * more restrictive answer was kept; a newer answer clears it
 */
public record Consent(boolean granted, String source, Instant occurredAt, String messageId, boolean conflict) {

	/** Segment's {@code context.consent.categoryPreferences} on any event. */
	public static final String SEGMENT_CONTEXT = "segment.context";

	/** The {@code Segment Consent Preference Updated} track event. */
	public static final String SEGMENT_PREFERENCE_EVENT = "segment.preference-event";

	/** The admin API ({@code PUT /v1/admin/profiles/{profileId}/consent}). */
	public static final String ADMIN = "admin";

	/**
	 * What a purpose looks like: lower-case letters, digits, {@code _} and {@code -},
	 * starting with a letter, at most 64 characters (the audience conditions' purposes).
	 */
	public static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

	/** Checks the required components. */
	public Consent {
		Objects.requireNonNull(source, "source must not be null");
		Objects.requireNonNull(occurredAt, "occurredAt must not be null");
		Objects.requireNonNull(messageId, "messageId must not be null");
	}

	/**
	 * An answer as a person gave it, without conflict.
	 * @param granted whether granted
	 * @param source where it came from
	 * @param occurredAt when
	 * @param messageId the event or call that carried it
	 * @return the answer
	 */
	public static Consent of(boolean granted, String source, Instant occurredAt, String messageId) {
		return new Consent(granted, source, occurredAt, messageId, false);
	}

	/**
	 * Whether this answer is newer than the other: later, or at the same instant with the
	 * greater message id, so that the winner does not depend on arrival order.
	 * @param other the other answer
	 * @return true when this one wins
	 */
	public boolean isNewerThan(Consent other) {
		int byTime = this.occurredAt.compareTo(other.occurredAt);
		return (byTime != 0) ? byTime > 0 : this.messageId.compareTo(other.messageId) > 0;
	}

	/**
	 * This answer, marked as the one a conflict kept, or not.
	 * @param conflict the mark
	 * @return the answer
	 */
	public Consent withConflict(boolean conflict) {
		return (conflict == this.conflict) ? this
				: new Consent(this.granted, this.source, this.occurredAt, this.messageId, conflict);
	}

	/**
	 * Whether a text is a purpose.
	 * @param purpose the text
	 * @return true when it matches {@link #PURPOSE}
	 */
	public static boolean isPurpose(String purpose) {
		return PURPOSE.matcher(purpose).matches();
	}

}
