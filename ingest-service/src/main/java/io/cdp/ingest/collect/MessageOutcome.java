package io.cdp.ingest.collect;

import java.util.Objects;

import io.cdp.contract.event.CustomerEvent;
import org.jspecify.annotations.Nullable;

/**
 * What became of one incoming message once it was read and mapped: a canonical event to
 * publish, or a rejection that goes to the dead-letter topic with its reason and raw
 * payload. Every channel (tracking API, webhooks, mapped sources) turns its input into a
 * list of these, in input order, so that a response can name rejected messages by index.
 *
 * <p>
 * An accepted outcome is not yet final: the publisher checks each event against
 * {@code EventContentRules} (the contract's rules for text, times, nesting and sizes) and
 * turns a refused one into a rejection, so readers need not repeat those checks.
 */
public sealed interface MessageOutcome {

	/** An event ready for {@code cdp.events.v1}. */
	record Accepted(CustomerEvent event) implements MessageOutcome {

		public Accepted {
			Objects.requireNonNull(event, "event must not be null");
		}

	}

	/**
	 * A message that cannot become an event.
	 *
	 * @param field the JSON field at fault ({@code userId}, {@code batch[3].timestamp}),
	 * or null when the message as a whole is at fault
	 * @param reason what is wrong, for people; never contains secrets
	 * @param payload the message as received, kept on the dead-letter topic for replay
	 */
	record Rejected(@Nullable String field, String reason, String payload) implements MessageOutcome {

		public Rejected {
			Objects.requireNonNull(reason, "reason must not be null");
			Objects.requireNonNull(payload, "payload must not be null");
		}

	}

	/** An accepted message. */
	static MessageOutcome accepted(CustomerEvent event) {
		return new Accepted(event);
	}

	/** A rejected message naming the field at fault. */
	static MessageOutcome rejected(@Nullable String field, String reason, String payload) {
		return new Rejected(field, reason, payload);
	}

}
