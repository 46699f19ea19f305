package io.cdp.ingest.webhook;

import org.jspecify.annotations.Nullable;

/**
 * One provider event that cannot become a canonical event: a required field is missing,
 * has the wrong type, or the event type is unknown. Providers throw it while mapping one
 * event and {@link WebhookJson#outcome} turns it into a rejection of that event only, so
 * its siblings in the same call are still accepted. It never leaves
 * {@link WebhookProvider#read}.
 */
public class UnmappableEventException extends RuntimeException {

	private final @Nullable String field;

	/**
	 * Creates the exception.
	 * @param field the dotted path of the field at fault within the provider event
	 * ({@code event-data.recipient}), or null when the event as a whole is at fault
	 * @param reason what is wrong, for people; never a secret
	 */
	public UnmappableEventException(@Nullable String field, String reason) {
		// No stack trace: this is an expected outcome for bad input, not a failure to
		// debug, and a webhook call may carry hundreds of bad events.
		super(reason, null, false, false);
		this.field = field;
	}

	/**
	 * Returns the field at fault.
	 * @return the dotted path, or null when the event as a whole is at fault
	 */
	public @Nullable String field() {
		return this.field;
	}

}
