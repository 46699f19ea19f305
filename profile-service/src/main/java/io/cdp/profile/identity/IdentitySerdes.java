package io.cdp.profile.identity;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecordSerde;
import io.cdp.profile.merge.ProfileEvent;
import io.cdp.profile.merge.ProfileMerged;
import io.cdp.profile.merge.ProfileRef;
import io.cdp.profile.merge.ProfileState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.jspecify.annotations.Nullable;

/**
 * The serdes of every topic and store of the identity topology, in one place: JSON with
 * the contract's format throughout, so that each internal record can be read with any
 * tool. The topology's own records go through {@link InternalSerde}, which never writes
 * what it could not read back; the events topic is read with the contract's serde, and a
 * record it refuses is quarantined by the deserialization exception handler.
 */
public final class IdentitySerdes {

	static final Serde<String> KEYS = Serdes.String();

	static final Serde<CustomerEvent> EVENTS = new CustomerEventSerde();

	/**
	 * The events topic as the topology reads it: with the contract's serde, and, when
	 * that fails on bytes that are not UTF-8 (an unpaired surrogate in a property name,
	 * as a broken client or a careless producer writes it), once more with those bytes
	 * replaced by U+FFFD, so that such an event is resolved rather than lost.
	 */
	static final Deserializer<CustomerEvent> REPAIRING_EVENTS = IdentitySerdes::readEvent;

	static final Serde<IdentifierCommand> IDENTIFIER_COMMANDS = InternalSerde.forTopic(IdentifierCommand.class);

	static final Serde<LookupReply> REPLIES = InternalSerde.forTopic(LookupReply.class);

	static final Serde<ProfileCommand> PROFILE_COMMANDS = InternalSerde.forTopic(ProfileCommand.class);

	static final Serde<PendingEvent> PENDING_EVENTS = InternalSerde.forStore(PendingEvent.class);

	static final Serde<ProfileRef> PROFILE_REFS = InternalSerde.forStore(ProfileRef.class);

	static final Serde<ProfileState> PROFILE_STATES = InternalSerde.forStore(ProfileState.class);

	static final Serde<QuarantinedRecord> QUARANTINED = new QuarantinedRecordSerde();

	private IdentitySerdes() {
	}

	private static @Nullable CustomerEvent readEvent(String topic, byte @Nullable [] payload) {
		try {
			return EVENTS.deserializer().deserialize(topic, payload);
		}
		catch (SerializationException strict) {
			byte[] repaired = (payload != null) ? InternalJson.repairUtf8(payload) : null;
			if (repaired == null) {
				throw strict;
			}
			return EVENTS.deserializer().deserialize(topic, repaired);
		}
	}

	/** The serde of {@code cdp.profiles.v1}. */
	public static Serde<ProfileState> profiles() {
		return InternalSerde.forTopic(ProfileState.class);
	}

	/** The serde of {@code cdp.profile-events.v1}. */
	public static Serde<ProfileEvent> profileEvents() {
		return InternalSerde.forTopic(ProfileEvent.class);
	}

	/** The serde of {@code cdp.profile-merges.v1}. */
	public static Serde<ProfileMerged> profileMerges() {
		return InternalSerde.forTopic(ProfileMerged.class);
	}

}
