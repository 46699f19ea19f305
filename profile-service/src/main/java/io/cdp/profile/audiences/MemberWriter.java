package io.cdp.profile.audiences;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
		ConcurrentMessageListenerContainer<byte[], byte[]> container = BatchConsumers.singleConsumer(consumers, groupId,
				this.topics.audienceMemberships().name(), this, retryBackoff, "The audience members' writer");
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
