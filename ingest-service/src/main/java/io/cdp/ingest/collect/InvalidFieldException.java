package io.cdp.ingest.collect;

import org.jspecify.annotations.Nullable;

/**
 * One incoming message that cannot become a canonical event because of one field: it is
 * missing, has the wrong type or format, or holds a value the channel does not know.
 * Readers throw it while reading one message (a tracking API message, a provider event, a
 * mapped element) and {@link MessageOutcome#read} turns it into a rejection of that
 * message only, so its siblings in the same request are still accepted.
 */
public class InvalidFieldException extends RuntimeException {

	private final @Nullable String field;

	/**
	 * Creates the exception.
	 * @param field the path of the field at fault within the message ({@code userId},
	 * {@code event-data.recipient}), or null when the message as a whole is at fault
	 * @param reason what is wrong, for people; never a secret
	 */
	public InvalidFieldException(@Nullable String field, String reason) {
		// No stack trace: this is an expected outcome for bad input, not a failure to
		// debug, and one request may carry thousands of bad messages.
		super(reason, null, false, false);
		this.field = field;
	}

	/**
	 * Returns the field at fault.
	 * @return the path, or null when the message as a whole is at fault
	 */
	public @Nullable String field() {
		return this.field;
	}

}
