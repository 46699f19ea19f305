package io.cdp.ingest.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.collect.IngestReceipt.RejectedMessage;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.publish.EventPublisher;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceAuthenticator;
import io.cdp.ingest.source.SourceKind;
import io.cdp.ingest.source.UnknownWriteKeyException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The intake step the channel controllers share: read the body, authenticate the caller
 * as a source of the channel's kind, publish what the channel read and answer with the
 * receipt. A channel decides only the order (the tracking API finds the write key in the
 * body, a mapped source is authenticated before its body is read) and its own reading.
 *
 * <p>
 * A valid write key of a source of another kind is refused like an unknown one (401): a
 * key is only good on the door its source was made for.
 */
@Component
public class Intake {

	private final RequestBodyReader bodies;

	private final SourceAuthenticator authenticator;

	private final EventPublisher publisher;

	Intake(RequestBodyReader bodies, SourceAuthenticator authenticator, EventPublisher publisher) {
		this.bodies = bodies;
		this.authenticator = authenticator;
		this.publisher = publisher;
	}

	/**
	 * Reads the body within a limit (see {@link RequestBodyReader#read}).
	 * @param request the request
	 * @param limit the most decoded bytes
	 * @param limitName the limit's name for the 413 answer
	 * @return the decoded bytes
	 */
	public byte[] body(HttpServletRequest request, DataSize limit, String limitName) {
		return this.bodies.read(request, limit, limitName);
	}

	/**
	 * Reads the body within a limit and parses it, refusing malformed JSON with 400.
	 * @param request the request
	 * @param limit the most decoded bytes
	 * @param limitName the limit's name for the 413 answer
	 * @return the JSON
	 */
	public JsonNode json(HttpServletRequest request, DataSize limit, String limitName) {
		return this.bodies.parse(body(request, limit, limitName));
	}

	/**
	 * Authenticates the caller as a source of one kind.
	 * @param request the request, whose HTTP Basic user name wins
	 * @param writeKey the write key given otherwise (a body field, a query parameter)
	 * @param kind the kind of source this door is for
	 * @param door what this door is for, as in "not a tracking API source"
	 * @return the source
	 * @throws UnknownWriteKeyException if no key matches an enabled source, or the key's
	 * source is of another kind
	 */
	public Source authenticate(HttpServletRequest request, @Nullable String writeKey, SourceKind kind, String door) {
		return authenticate(request, writeKey, (source) -> source.kind() == kind,
				(source) -> "The write key belongs to a " + source.kind().name().toLowerCase(Locale.ROOT)
						+ " source, not " + door);
	}

	/**
	 * Authenticates the caller as a source this door admits.
	 * @param request the request, whose HTTP Basic user name wins
	 * @param writeKey the write key given otherwise (a body field, a query parameter)
	 * @param admits which sources may use this door
	 * @param refusal why another source may not
	 * @return the source
	 * @throws UnknownWriteKeyException if no key matches an enabled source, or the door
	 * does not admit the key's source
	 */
	public Source authenticate(HttpServletRequest request, @Nullable String writeKey, Predicate<Source> admits,
			Function<Source, String> refusal) {
		Source source = this.authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), writeKey);
		if (!admits.test(source)) {
			throw new UnknownWriteKeyException(refusal.apply(source));
		}
		return source;
	}

	/**
	 * Publishes a request's outcomes and answers once Kafka has acknowledged them all.
	 * @param source the authenticated source
	 * @param outcomes one per message, in request order
	 * @param receivedAt when the request was received
	 * @return the receipt, listing rejected messages by index
	 */
	public IngestReceipt publish(Source source, List<MessageOutcome> outcomes, Instant receivedAt) {
		return this.publisher.publish(source, outcomes, receivedAt);
	}

	/**
	 * Publishes the one message of a single call, refusing the call with 400 when the
	 * message is rejected: a single call has no batch to list a rejection in.
	 * @param source the authenticated source
	 * @param outcome the message's outcome
	 * @param receivedAt when the request was received
	 * @return the receipt of the accepted message
	 * @throws InvalidRequestException if the message was rejected, naming its field
	 */
	public IngestReceipt publishOne(Source source, MessageOutcome outcome, Instant receivedAt) {
		IngestReceipt receipt = publish(source, List.of(outcome), receivedAt);
		// The receipt, not the outcome, decides: the publisher applies the event content
		// rules and may turn an accepted outcome into a rejection.
		if (!receipt.rejected().isEmpty()) {
			RejectedMessage rejected = receipt.rejected().get(0);
			throw new InvalidRequestException(rejected.field(), rejected.reason());
		}
		return receipt;
	}

}
