package io.cdp.profile.audiences;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.cdp.profile.audiences.AudienceRepository.MemberChange;
import io.cdp.profile.quarantine.Quarantine;
import io.cdp.profile.quarantine.QuarantinedRecords;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Keeps {@code profile.audience_members} as the compacted
 * {@code cdp.audience-memberships.v1} says: a membership is stored, a tombstone removes
 * it, one statement per kind per poll. The container commits the poll's offsets only
 * after the statements committed, so a membership is stored at least once; the statements
 * are idempotent, so again is the same. A record that cannot be read is quarantined.
 */
final class MemberWriter implements BatchMessageListener<byte[], byte[]> {

	/** The quarantine stage of unreadable memberships. */
	static final String STAGE = "audiences.members";

	private final AudienceRepository audiences;

	private final TopicCatalog topics;

	private final Quarantine quarantine;

	private final Clock clock;

	MemberWriter(AudienceRepository audiences, TopicCatalog topics, Quarantine quarantine, Clock clock) {
		this.audiences = audiences;
		this.topics = topics;
		this.quarantine = quarantine;
		this.clock = clock;
	}

	/**
	 * The container that runs the writer: one consumer, offsets committed after each
	 * stored poll, every failure retried with back-off without end.
	 */
	ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumerFactory<byte[], byte[]> consumers,
			String groupId, java.time.Duration retryBackoff) {
		ContainerProperties properties = BatchConsumers.containerProperties(groupId, 500, retryBackoff, () -> {
		}, List.of(this.topics.audienceMemberships().name()));
		properties.setMessageListener(this);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumers, properties);
		container.setConcurrency(1);
		ExponentialBackOff backOff = new ExponentialBackOff(retryBackoff.toMillis(), 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			throw new IllegalStateException("The audience members' writer never skips a membership", ex);
		}, backOff);
		handler.setClassifications(Map.of(), true);
		container.setCommonErrorHandler(handler);
		container.setBeanName("audience-members-" + groupId);
		return container;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		List<MemberChange> changes = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			String key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : "";
			int colon = key.indexOf(':');
			long audienceId;
			try {
				audienceId = Long.parseLong(key.substring(0, Math.max(colon, 0)));
			}
			catch (NumberFormatException ex) {
				unreadable(record, ex);
				continue;
			}
			String profileId = key.substring(colon + 1);
			if (record.value() == null) {
				changes.add(new MemberChange(audienceId, profileId, null));
				continue;
			}
			AudienceMember member;
			try {
				member = this.topics.audienceMemberships()
					.valueSerde()
					.deserializer()
					.deserialize(record.topic(), record.value());
			}
			catch (RuntimeException ex) {
				unreadable(record, ex);
				continue;
			}
			changes.add(new MemberChange(audienceId, profileId, (member != null) ? member.enteredAt() : null));
		}
		this.audiences.applyMembers(changes, this.clock.instant());
	}

	private void unreadable(ConsumerRecord<byte[], byte[]> record, Exception ex) {
		this.quarantine.put(QuarantinedRecords.of(STAGE, Reasons.UNREADABLE, QuarantinedRecord.describe(ex),
				record.topic(), record.partition(), record.offset(), record.key(), record.value()));
	}

}
