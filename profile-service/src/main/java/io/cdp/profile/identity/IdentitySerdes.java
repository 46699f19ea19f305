package io.cdp.profile.identity;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.RoundTripJson;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.jspecify.annotations.Nullable;

/**
 * The serdes of the identity topology's own records, in one place: the contract's data
 * model throughout, written as Smile (JSON's binary form, readable with any Jackson-based
 * tool) except where bytes are published as they are stored. They go through
 * {@link InternalSerde}, which never writes what it could not read back. The platform
 * topics' serdes come with the topics ({@code TopicCatalog}), the internal topics' with
 * {@link IdentityTopics}; the serdes of the state stores are here. A record of the events
 * topic that its serde refuses is quarantined by the deserialization exception handler.
 */
final class IdentitySerdes {

	static final Serde<String> KEYS = Serdes.String();

	static final Serde<IdentifierCommand> IDENTIFIER_COMMANDS = InternalSerde.forTopic(IdentifierCommand.class);

	static final Serde<LookupReply> REPLIES = InternalSerde.forTopic(LookupReply.class);

	static final Serde<ProfileCommand> PROFILE_COMMANDS = InternalSerde.forTopic(ProfileCommand.class);

	static final Serde<PendingEvent> PENDING_EVENTS = InternalSerde.forStore(PendingEvent.class);

	static final Serde<ProfileRef> ASSIGNMENTS = InternalSerde.forTopic(ProfileRef.class);

	static final Serde<PendingReplies> PENDING_REPLIES = InternalSerde.forStore(PendingReplies.class);

	static final Serde<ProfileRef> PROFILE_REFS = InternalSerde.forStore(ProfileRef.class);

	static final Serde<HubIdentifier> HUBS = InternalSerde.forTopic(HubIdentifier.class);

	static final Serde<HubIdentifier> HUB_STATES = InternalSerde.forStore(HubIdentifier.class);

	static final Serde<RefusedLinks> REFUSED_LINKS = InternalSerde.forStore(RefusedLinks.class);

	/**
	 * JSON: the profile step publishes the bytes it stores on {@code cdp.profiles.v1}.
	 */
	static final Serde<ProfileState> PROFILE_STATES = InternalSerde.forPublishedStore(ProfileState.class);

	static final Serde<ProfileProcessor.Offering> OFFERINGS = InternalSerde.forStore(ProfileProcessor.Offering.class);

	static final Serde<SplitLedger> SPLIT_LEDGERS = InternalSerde.forStore(SplitLedger.class);

	static final Serde<ProfileCommand> WAITING_COMMANDS = InternalSerde.forStore(ProfileCommand.class);

	/** The membership step's per-profile state. */
	static final Serde<Memberships> MEMBERSHIPS = InternalSerde.forStore(Memberships.class);

	/** The membership step's running backfills. */
	static final Serde<MembershipProcessor.Backfill> BACKFILLS = InternalSerde
		.forStore(MembershipProcessor.Backfill.class);

	private IdentitySerdes() {
	}

	/**
	 * The events topic as the topology reads it: with the topic's serde, and, when that
	 * fails on bytes that are not UTF-8 (an unpaired surrogate in a property name, as a
	 * broken client or a careless producer writes it), once more with those bytes
	 * replaced by U+FFFD, so that such an event is resolved rather than lost.
	 * @param strict the deserializer of the events topic
	 * @return the repairing deserializer
	 */
	static Deserializer<CustomerEvent> repairing(Deserializer<CustomerEvent> strict) {
		return (topic, payload) -> readEvent(strict, topic, payload);
	}

	private static @Nullable CustomerEvent readEvent(Deserializer<CustomerEvent> strict, String topic,
			byte @Nullable [] payload) {
		try {
			return strict.deserialize(topic, payload);
		}
		catch (SerializationException failure) {
			byte[] repaired = (payload != null) ? RoundTripJson.repairUtf8(payload) : null;
			if (repaired == null) {
				throw failure;
			}
			return strict.deserialize(topic, repaired);
		}
	}

}
