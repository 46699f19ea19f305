package io.cdp.ingest.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventContent;
import io.cdp.contract.event.EventContentRules;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.collect.MessageOutcome.Accepted;
import io.cdp.ingest.collect.MessageOutcome.Rejected;
import io.cdp.ingest.mapping.MappedElementRereader;
import io.cdp.ingest.segment.SegmentMessageRereader;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceRegistry;
import io.cdp.ingest.collect.MessageIds;
import io.cdp.ingest.webhook.WebhookProvider;
import io.cdp.ingest.webhook.WebhookRequest;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads a message refused at the door again through its source's current intake: the
 * tracking API's message reader, the source's current mapping, or the webhook provider's
 * reader (without the signature check: it passed on arrival, and the headers it needs
 * were not kept); a message the event content rules refused was kept as its canonical
 * event and is read back as one. Whatever comes out passes the content rules again before
 * it is published. The original receipt time is kept, so the event is what it would have
 * been had it been accepted then.
 */
@Component
class DoorReplay {

	/** Namespace of the message ids given to replayed tracking messages that had none. */
	static final String MESSAGE_ID_NAMESPACE = "dead-letter";

	/** SendGrid posts an array of events and refuses one element on its own. */
	private static final String SENDGRID = "sendgrid";

	private static final String CANONICAL_MARKER = "schemaVersion";

	private static final Deserializer<CustomerEvent> CANONICAL = new CustomerEventSerde().deserializer();

	private final SourceRegistry sources;

	private final SegmentMessageRereader segment;

	private final MappedElementRereader mapped;

	private final Map<String, WebhookProvider> providers;

	DoorReplay(SourceRegistry sources, SegmentMessageRereader segment, MappedElementRereader mapped,
			List<WebhookProvider> providers) {
		this.sources = sources;
		this.segment = segment;
		this.mapped = mapped;
		this.providers = providers.stream()
			.collect(Collectors.toUnmodifiableMap(WebhookProvider::name, Function.identity()));
	}

	/**
	 * What the source's intake makes of a rejected letter today.
	 * @param letter the rejected letter
	 * @return the events to publish, or why not
	 */
	Reread reread(StoredLetter letter) {
		String sourceId = letter.sourceId();
		if (sourceId == null) {
			return new Reread.NotReplayable("its source is not known");
		}
		Source source = this.sources.findById(sourceId).orElse(null);
		if (source == null || !source.enabled()) {
			return new Reread.SourceUnavailable(
					"source " + sourceId + ((source == null) ? " does not exist" : " is disabled"));
		}
		byte[] payload = (letter.payload() != null) ? letter.payload() : new byte[0];
		List<MessageOutcome> outcomes;
		try {
			outcomes = isCanonical(payload) ? List.of(canonical(payload)) : switch (source.kind()) {
				case SEGMENT ->
					List.of(this.segment.reread(withMessageId(json(payload), letter), source, letter.occurredAt()));
				case MAPPED -> List.of(this.mapped.reread(json(payload), source, letter.occurredAt()));
				case WEBHOOK -> webhook(source, payload, letter.occurredAt());
			};
		}
		catch (NotJson ex) {
			return new Reread.StillInvalid(null, "The message is not valid JSON");
		}
		if (outcomes == null) {
			return new Reread.NotReplayable("source " + sourceId + " has no known webhook provider");
		}
		List<CustomerEvent> events = new ArrayList<>();
		for (MessageOutcome outcome : outcomes) {
			switch (outcome) {
				case Accepted(CustomerEvent event) -> {
					// The door's content rules hold for a replay as for a request.
					switch (EventContentRules.check(event)) {
						case EventContent.Valid valid -> events.add(valid.event());
						case EventContent.Invalid(String field, String reason) -> {
							return new Reread.StillInvalid(field, reason);
						}
					}
				}
				case Rejected(String field, String reason, String ignored) -> {
					return new Reread.StillInvalid(field, reason);
				}
			}
		}
		if (events.isEmpty()) {
			return new Reread.NotReplayable("the source reads no event from it");
		}
		return new Reread.Events(events);
	}

	/**
	 * A message the content rules refused was kept as the canonical event it had become
	 * (the rules run after every intake), recognisable by its {@code schemaVersion}.
	 */
	private static boolean isCanonical(byte[] payload) {
		try {
			return json(payload) instanceof ObjectNode object && object.has(CANONICAL_MARKER);
		}
		catch (NotJson ex) {
			return false;
		}
	}

	private static MessageOutcome canonical(byte[] payload) {
		try {
			return new Accepted(CANONICAL.deserialize("", payload));
		}
		catch (SerializationException ex) {
			return new Rejected(null, "The kept event cannot be read: " + ex.getMessage(), "");
		}
	}

	private @Nullable List<MessageOutcome> webhook(Source source, byte[] payload, Instant receivedAt) {
		WebhookProvider provider = (source.provider() != null) ? this.providers.get(source.provider()) : null;
		if (provider == null) {
			return null;
		}
		byte[] body = payload;
		if (SENDGRID.equals(provider.name()) && startsWith(payload, '{')) {
			// A refused SendGrid element was kept on its own; SendGrid posts arrays.
			byte[] array = new byte[payload.length + 2];
			array[0] = '[';
			System.arraycopy(payload, 0, array, 1, payload.length);
			array[array.length - 1] = ']';
			body = array;
		}
		return provider.read(new WebhookRequest(body, Map.of(), receivedAt), source);
	}

	/**
	 * A tracking message without a messageId gets one derived from the dead letter's
	 * place, so that replaying it again gives the same id and is deduplicated downstream.
	 */
	private static JsonNode withMessageId(JsonNode message, StoredLetter letter) {
		if (message instanceof ObjectNode object) {
			JsonNode messageId = object.get("messageId");
			if (messageId == null || messageId.isNull()
					|| (messageId.isString() && messageId.stringValue().isBlank())) {
				ObjectNode copy = object.deepCopy();
				copy.put("messageId", MessageIds.derived(MESSAGE_ID_NAMESPACE, letter.letter().topic(),
						Integer.toString(letter.letter().partition()), Long.toString(letter.letter().offset())));
				return copy;
			}
		}
		return message;
	}

	private static JsonNode json(byte[] payload) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(payload))
				.toString();
			JsonNode node = ContractJson.mapper().readTree(text);
			if (node == null || node.isMissingNode()) {
				throw new NotJson();
			}
			return node;
		}
		catch (CharacterCodingException | RuntimeException ex) {
			throw new NotJson();
		}
	}

	private static boolean startsWith(byte[] bytes, char first) {
		for (byte b : bytes) {
			if (!Character.isWhitespace(b)) {
				return b == first;
			}
		}
		return false;
	}

	/** What the intake makes of a letter. */
	sealed interface Reread {

		/** Events the source reads from it now, ready to publish. */
		record Events(List<CustomerEvent> events) implements Reread {

		}

		/** Still refused, with today's reason. */
		record StillInvalid(@Nullable String field, String reason) implements Reread {

		}

		/** Its source is gone or disabled. */
		record SourceUnavailable(String detail) implements Reread {

		}

		/** Nothing the intake could read it with. */
		record NotReplayable(String detail) implements Reread {

		}

	}

	private static final class NotJson extends RuntimeException {

		NotJson() {
			super(null, null, false, false);
		}

	}

}
