package io.cdp.ingest.collect;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.cdp.contract.event.CustomerEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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

	/**
	 * Reads one message: the event the reading builds, or a rejection of that message
	 * alone, with its compact JSON as payload, when the reading throws
	 * {@link InvalidFieldException} or the event contract refuses what it built.
	 * @param message the message
	 * @param reading builds the event from the message
	 * @return the outcome
	 */
	static MessageOutcome read(JsonNode message, Function<JsonNode, CustomerEvent> reading) {
		return read(() -> reading.apply(message), () -> JsonFields.compact(message));
	}

	/**
	 * Reads one message whose payload for the dead-letter topic is not simply its JSON
	 * (the tracking API leaves the write key out).
	 * @param reading builds the event from the message
	 * @param payload the message as kept, asked for only when it is rejected
	 * @return the outcome
	 */
	static MessageOutcome read(Supplier<CustomerEvent> reading, Supplier<String> payload) {
		try {
			return accepted(reading.get());
		}
		catch (InvalidFieldException ex) {
			return rejected(ex.field(), ex.getMessage(), payload.get());
		}
		catch (IllegalArgumentException ex) {
			// The event contract's own invariants (the length of a message id, the
			// identifiers), for anything a reader lets through.
			return rejected(null, ex.getMessage(), payload.get());
		}
	}

}
