package io.cdp.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.ingest.deadletter.DoorReplay.Reread;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Replays dead letters, one at a time, each while its row is locked, so that the same
 * letter replayed twice at once is published once. A quarantined record goes back onto
 * its original topic with its original key and value bytes, if that topic is one of the
 * {@link ReplayTargets}; a rejected message is read again through its source's intake
 * ({@link DoorReplay}) and published to {@code cdp.events.v1} if valid now. A letter a
 * replay published is never published again; the events carry the same messageId every
 * time, so what a retry after a failure resends is deduplicated downstream.
 */
@Component
class Replayer {

	private static final Logger log = LoggerFactory.getLogger(Replayer.class);

	private final DeadLetterRepository repository;

	private final ReplayTargets targets;

	private final DoorReplay door;

	private final Producer<byte[], byte[]> producer;

	private final String eventsTopic;

	private final DeadLetterProperties settings;

	private final MeterRegistry meters;

	private final Serializer<CustomerEvent> events;

	Replayer(DeadLetterRepository repository, ReplayTargets targets, DoorReplay door,
			Producer<byte[], byte[]> replayProducer, TopicCatalog topics, DeadLetterProperties settings,
			MeterRegistry meters) {
		this.repository = repository;
		this.targets = targets;
		this.door = door;
		this.producer = replayProducer;
		this.eventsTopic = topics.events().name();
		this.events = topics.events().valueSerde().serializer();
		this.settings = settings;
		this.meters = meters;
	}

	/** Replays one letter and says what happened. */
	ReplayResult replay(long id) {
		ReplayResult result = this.repository.withLocked(id, (row) -> replayLocked(id, row));
		this.meters.counter("cdp.deadletters.replayed", "outcome", result.outcome()).increment();
		return result;
	}

	private ReplayResult replayLocked(long id, Optional<DeadLetterRow> found) {
		if (found.isEmpty()) {
			return new ReplayResult(id, ReplayOutcome.NOT_FOUND.wireName(), "no dead letter has this id", null, null);
		}
		DeadLetterRow row = found.get();
		if (row.replay().published()) {
			return new ReplayResult(id, ReplayOutcome.ALREADY_REPLAYED.wireName(),
					"published by a replay at " + row.replay().replayedAt(), row.letter().messageId(), null);
		}
		Attempt attempt = switch (row.letter().kind()) {
			case QUARANTINED -> quarantined(row.letter());
			case REJECTED -> rejected(row.letter());
		};
		this.repository.recordReplay(id, attempt.outcome(), attempt.detail(), attempt.messageId(), attempt.field());
		if (attempt.outcome() == ReplayOutcome.PUBLISHED) {
			log.info("Dead letter {} replayed onto {}", id, attempt.topic());
		}
		return new ReplayResult(id, attempt.outcome().wireName(), attempt.detail(),
				(attempt.messageId() != null) ? attempt.messageId() : row.letter().messageId(), attempt.topic());
	}

	private Attempt quarantined(StoredLetter letter) {
		String topic = letter.topic();
		if (topic == null) {
			return new Attempt(ReplayOutcome.NOT_REPLAYABLE, "its original topic is not known", null, null, null);
		}
		if (!this.targets.allows(topic)) {
			return new Attempt(ReplayOutcome.NOT_REPLAYABLE,
					topic + " is not a topic of the platform that records are replayed onto", null, null, null);
		}
		return send(List.of(new ProducerRecord<>(topic, letter.key(), letter.payload())), null, topic);
	}

	private Attempt rejected(StoredLetter letter) {
		Reread reread;
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		try {
			reread = this.door.reread(letter);
			if (reread instanceof Reread.Events(List<CustomerEvent> accepted)) {
				for (CustomerEvent event : accepted) {
					records
						.add(new ProducerRecord<>(this.eventsTopic, event.messageId().getBytes(StandardCharsets.UTF_8),
								this.events.serialize(this.eventsTopic, event)));
				}
			}
		}
		catch (RuntimeException ex) {
			// A reader or writer that throws instead of refusing: say so, and let the
			// letter wait.
			return new Attempt(ReplayOutcome.STILL_INVALID,
					QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), QuarantinedRecord.MAX_ERROR_LENGTH),
					null, null, null);
		}
		return switch (reread) {
			case Reread.Events(List<CustomerEvent> accepted) ->
				send(records, accepted.get(0).messageId(), this.eventsTopic);
			case Reread.StillInvalid(String field, String reason) -> new Attempt(ReplayOutcome.STILL_INVALID,
					QuarantinedRecord.safeText(reason, QuarantinedRecord.MAX_ERROR_LENGTH), null,
					(field != null) ? QuarantinedRecord.safeText(field, LetterReader.MAX_FIELD_LENGTH) : null, null);
			case Reread.SourceUnavailable(String detail) ->
				new Attempt(ReplayOutcome.SOURCE_UNAVAILABLE, detail, null, null, null);
			case Reread.NotReplayable(String detail) ->
				new Attempt(ReplayOutcome.NOT_REPLAYABLE, detail, null, null, null);
		};
	}

	private Attempt send(List<ProducerRecord<byte[], byte[]>> records, @Nullable String messageId, String topic) {
		try {
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			for (ProducerRecord<byte[], byte[]> record : records) {
				sends.add(this.producer.send(record));
			}
			long deadline = System.nanoTime() + this.settings.replayTimeout().toNanos();
			for (Future<RecordMetadata> send : sends) {
				send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			String detail = (records.size() == 1) ? "published to " + topic
					: records.size() + " events published to " + topic;
			return new Attempt(ReplayOutcome.PUBLISHED, detail, messageId, null, topic);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(ex, topic);
		}
		catch (ExecutionException ex) {
			return failed((ex.getCause() != null) ? ex.getCause() : ex, topic);
		}
		catch (TimeoutException | RuntimeException ex) {
			return failed(ex, topic);
		}
	}

	private static Attempt failed(Throwable ex, String topic) {
		log.warn("A replay onto {} failed: {}", topic, ex.getMessage());
		return new Attempt(ReplayOutcome.FAILED, QuarantinedRecord
			.safeText("Kafka did not take it: " + QuarantinedRecord.describe(ex), QuarantinedRecord.MAX_ERROR_LENGTH),
				null, null, topic);
	}

	/** What one replay did, as the API answers it. */
	record ReplayResult(long id, String outcome, @Nullable String detail, @Nullable String messageId,
			@Nullable String topic) {

	}

	private record Attempt(ReplayOutcome outcome, @Nullable String detail, @Nullable String messageId,
			@Nullable String field, @Nullable String topic) {

	}

}
