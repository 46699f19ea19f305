package io.cdp.ingest.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.event.EventContent;
import io.cdp.contract.event.EventContentRules;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.collect.IngestReceipt.RejectedMessage;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.collect.MessageOutcome.Accepted;
import io.cdp.ingest.collect.MessageOutcome.Rejected;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceTraffic;
import io.cdp.ingest.suppression.SuppressionList;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Puts a request's outcomes on Kafka: accepted events on {@code cdp.events.v1} keyed by
 * messageId, rejected messages on the dead-letter topic with their reason. All records of
 * a request are sent first and then awaited together, so a batch of 100 costs one wait,
 * not 100 round trips; the request is answered only once Kafka has acknowledged every
 * record ({@code acks=all}, idempotent producer), so an accepted event is never lost. If
 * Kafka does not acknowledge in time, the whole request is answered 503 and the SDK
 * retries it.
 *
 * <p>
 * This is also the door every intake path passes: each accepted event is checked against
 * {@link EventContentRules} before it is sent. An event the rules refuse becomes a
 * rejection like any other (dead-letter topic, listed by index in the receipt), with the
 * canonical event as its payload; an event they repair is sent repaired and counted in
 * {@code cdp.ingest.events.repaired}. Text that goes on the dead-letter topic or into the
 * receipt is made well-formed first, since a rejected message may be rejected precisely
 * for holding a NUL or a broken surrogate.
 *
 * <p>
 * Last, an admitted event is checked against the {@link SuppressionList}: an event naming
 * a person a privacy request suppressed is not sent at all. It is answered like an
 * accepted one (counted in {@code accepted}), so that the SDK does not retry it and the
 * sender learns nothing about the suppression, and counted in {@code cdp.ingest.events}
 * with the outcome {@code suppressed}. Until the list has been read after a start, a
 * request waits for it (up to the acknowledgement timeout, then 503 like a Kafka outage)
 * rather than admit an event unchecked.
 */
@Component
public class EventPublisher {

	private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final TopicCatalog topics;

	private final PublishProperties properties;

	private final MeterRegistry meters;

	private final SuppressionList suppressions;

	private final Timer produceLatency;

	private final Serializer<CustomerEvent> eventSerializer;

	private final Serializer<DeadLetter> deadLetterSerializer;

	private final SourceTraffic traffic;

	EventPublisher(KafkaTemplate<String, byte[]> kafka, TopicCatalog topics, PublishProperties properties,
			MeterRegistry meters, SuppressionList suppressions, SourceTraffic traffic) {
		this.kafka = kafka;
		this.traffic = traffic;
		this.suppressions = suppressions;
		this.topics = topics;
		this.eventSerializer = topics.events().valueSerde().serializer();
		this.deadLetterSerializer = topics.eventsDeadLetter().valueSerde().serializer();
		this.properties = properties;
		this.meters = meters;
		this.produceLatency = Timer.builder("cdp.ingest.produce.latency")
			.description("Time from sending a request's records to Kafka's acknowledgement of all of them")
			.publishPercentileHistogram()
			.register(meters);
	}

	/**
	 * Publishes every outcome and waits for Kafka's acknowledgement of all of them.
	 * @throws IngestUnavailableException when Kafka does not take them in time
	 */
	public IngestReceipt publish(Source source, List<MessageOutcome> received, Instant receivedAt) {
		if (!this.suppressions.awaitRead(this.properties.ackTimeout())) {
			count(source, received.stream().map((outcome) -> new Admission(outcome, false)).toList(), "failed");
			throw unavailable(source, new IllegalStateException("The suppression list has not been read yet"));
		}
		// Outside the try below: a failure of the rules is not Kafka being unavailable.
		List<Admission> outcomes = admitted(source, received);
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(outcomes.size());
		List<RejectedMessage> rejected = new ArrayList<>();
		int accepted = 0;
		long started = System.nanoTime();
		try {
			for (int index = 0; index < outcomes.size(); index++) {
				Admission admission = outcomes.get(index);
				if (admission.suppressed()) {
					accepted++;
					continue;
				}
				switch (admission.outcome()) {
					case Accepted(CustomerEvent event) -> {
						sends.add(send(this.topics.events().name(), event.messageId(),
								this.eventSerializer.serialize(this.topics.events().name(), event)));
						accepted++;
					}
					case Rejected(String field, String reason, String payload) -> {
						DeadLetter letter = new DeadLetter(EventContentRules.wellFormed(payload), reason, field,
								source.id(), receivedAt);
						String topic = this.topics.eventsDeadLetter().name();
						sends.add(send(topic, source.id(), this.deadLetterSerializer.serialize(topic, letter)));
						rejected.add(new RejectedMessage(index, field, reason));
					}
				}
			}
			awaitAll(sends);
		}
		catch (RuntimeException ex) {
			count(source, outcomes, "failed");
			throw unavailable(source, ex);
		}
		if (!sends.isEmpty()) {
			this.produceLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
		count(source, outcomes, null);
		return new IngestReceipt(true, accepted, rejected);
	}

	/**
	 * Applies the content rules to every accepted event, so that no intake path can
	 * forget them, then the suppression list to those the rules admit; rejections are
	 * made well-formed for the topic and the answer.
	 */
	private List<Admission> admitted(Source source, List<MessageOutcome> outcomes) {
		List<Admission> admitted = new ArrayList<>(outcomes.size());
		for (MessageOutcome outcome : outcomes) {
			MessageOutcome checked = switch (outcome) {
				case Accepted(CustomerEvent event) -> switch (EventContentRules.check(event)) {
					case EventContent.Valid valid -> {
						if (valid.repaired()) {
							repaired(source, valid);
						}
						yield (valid.event() == event) ? outcome : MessageOutcome.accepted(valid.event());
					}
					case EventContent.Invalid(String field, String reason) ->
						MessageOutcome.rejected(field, reason, ContractJson.mapper().writeValueAsString(event));
				};
				case Rejected(String field, String reason, String payload) ->
					MessageOutcome.rejected((field != null) ? EventContentRules.wellFormed(field) : null,
							EventContentRules.wellFormed(reason), payload);
			};
			admitted.add(new Admission(checked,
					checked instanceof Accepted(CustomerEvent event) && this.suppressions.suppresses(event)));
		}
		return admitted;
	}

	private void repaired(Source source, EventContent.Valid valid) {
		this.meters.counter("cdp.ingest.events.repaired", "source", source.id()).increment();
		if (log.isDebugEnabled()) {
			log.debug("Repaired event {} of source {}: {}", valid.event().messageId(), source.id(), valid.repairs());
		}
	}

	private CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] value) {
		return this.kafka.send(topic, key, value);
	}

	private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Kafka refused a record: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge within " + this.properties.ackTimeout(), ex);
		}
	}

	private IngestUnavailableException unavailable(Source source, RuntimeException cause) {
		log.warn("Could not publish events of source {}: {}", source.id(), cause.getMessage());
		return new IngestUnavailableException("Events cannot be stored right now; retry later",
				this.properties.retryAfter(), cause);
	}

	/**
	 * Counts the outcomes in {@code cdp.ingest.events}, one increment per kind of outcome
	 * rather than one meter lookup per event: a batch is mostly of a few kinds.
	 */
	private void count(Source source, List<Admission> outcomes, @Nullable String failedOutcome) {
		Map<OutcomeKind, Integer> counts = new HashMap<>();
		int accepted = 0;
		for (Admission admission : outcomes) {
			if (admission.outcome() instanceof Accepted) {
				accepted++;
			}
			OutcomeKind kind;
			if (admission.outcome() instanceof Accepted(CustomerEvent event)) {
				kind = new OutcomeKind(event.type().wireName(), event.channel().wireName(),
						admission.suppressed() ? "suppressed" : "accepted");
			}
			else {
				kind = new OutcomeKind("unknown", source.channel().wireName(), "rejected");
			}
			counts.merge(kind, 1, Integer::sum);
		}
		counts.forEach(
				(kind, count) -> this.meters
					.counter("cdp.ingest.events", "source", source.id(), "channel", kind.channel(), "type", kind.type(),
							"outcome", (failedOutcome != null) ? failedOutcome : kind.result())
					.increment(count));
		if (failedOutcome == null) {
			this.traffic.count(source.id(), accepted, outcomes.size() - accepted);
		}
	}

	private record OutcomeKind(String type, String channel, String result) {

	}

	/**
	 * What the door made of one message: its outcome after the content rules, and whether
	 * the suppression list drops it (only ever an accepted event).
	 */
	private record Admission(MessageOutcome outcome, boolean suppressed) {

	}

}
