package io.cdp.profile.destination;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.cdp.profile.destination.DestinationRepository.Enqueued;
import io.cdp.profile.destination.DestinationRepository.StoredDestination;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.profile.quarantine.QuarantinedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Consumes {@code cdp.audience-membership.v1} in its own consumer group and queues each
 * change in PostgreSQL for every destination that wants it, one statement per poll. The
 * container commits the poll's offsets only after that statement committed, so a change
 * is queued before its offset moves past it: nothing is lost when the service stops, and
 * a change read again after a restart is recognised by its change id and queued once.
 *
 * <p>
 * The feed never calls a receiver: the workers of {@link DestinationDispatcher} deliver
 * from the queue, each destination on its own, so a slow or failing destination neither
 * holds up the topic nor another destination. While PostgreSQL is away the poll is
 * retried with back-off, for as long as it takes. A record that cannot be read is
 * quarantined (stage {@value #STAGE}).
 */
final class DestinationFeed implements BatchMessageListener<byte[], byte[]> {

	/** The quarantine stage of unreadable changes. */
	static final String STAGE = "destinations.feed";

	private static final Logger logger = LoggerFactory.getLogger(DestinationFeed.class);

	private final DestinationRepository destinations;

	private final TopicCatalog topics;

	private final Quarantine quarantine;

	private final MeterRegistry meters;

	private final Clock clock;

	DestinationFeed(DestinationRepository destinations, TopicCatalog topics, Quarantine quarantine,
			MeterRegistry meters, Clock clock) {
		this.destinations = destinations;
		this.topics = topics;
		this.quarantine = quarantine;
		this.meters = meters;
		this.clock = clock;
		QuarantinedRecords.counter(meters, STAGE, Reasons.UNREADABLE);
	}

	/**
	 * The container that runs the feed: one consumer, offsets committed after each queued
	 * poll, every failure retried with back-off without end.
	 * @param consumers creates the consumer (read-committed, auto-commit off)
	 * @param groupId the consumer group, namespaced
	 * @param retryBackoff the first wait after a failed poll
	 * @return the container, not started
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumerFactory<byte[], byte[]> consumers,
			String groupId, java.time.Duration retryBackoff) {
		ConcurrentMessageListenerContainer<byte[], byte[]> container = BatchConsumers.singleConsumer(consumers, groupId,
				this.topics.audienceMembership().name(), this, retryBackoff, "The destinations' feed");
		container.setBeanName("destination-feed-" + groupId);
		return container;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		List<StoredDestination> all = this.destinations.all();
		List<Enqueued> queued = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			if (record.value() == null) {
				continue;
			}
			AudienceMembershipChange change;
			try {
				change = this.topics.audienceMembership()
					.valueSerde()
					.deserializer()
					.deserialize(record.topic(), record.value());
			}
			catch (RuntimeException ex) {
				this.quarantine.put(QuarantinedRecords.of(STAGE, Reasons.UNREADABLE, QuarantinedRecord.describe(ex),
						record.topic(), record.partition(), record.offset(), record.key(), record.value()));
				continue;
			}
			if (change == null) {
				continue;
			}
			String json = null;
			for (StoredDestination destination : all) {
				if (destination.definition().wants(change)) {
					json = (json != null) ? json : storable(change);
					queued.add(new Enqueued(destination.id(), change.changeId(), change.profileId(), json));
				}
			}
		}
		int added = this.destinations.enqueue(queued, this.clock.instant());
		this.meters.counter("cdp.destinations.queued").increment(added);
		if (added < queued.size()) {
			logger.debug("{} of {} changes were queued already", queued.size() - added, queued.size());
		}
	}

	/**
	 * The change as JSON that PostgreSQL's jsonb takes (which refuses the NUL character).
	 */
	private static String storable(AudienceMembershipChange change) {
		return ContractJson.mapper().writeValueAsString(change).replace("\\u0000", "\\uFFFD");
	}

}
