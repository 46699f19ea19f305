package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.json.JsonSerde;
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
 * the contract's mapper throughout, so that each internal record can be read with any
 * tool.
 */
public final class IdentitySerdes {

	static final Serde<String> KEYS = Serdes.String();

	static final Serde<CustomerEvent> EVENTS = new CustomerEventSerde();

	static final Serde<IdentifierCommand> IDENTIFIER_COMMANDS = new JsonSerde<>(IdentifierCommand.class);

	static final Serde<LookupReply> REPLIES = new JsonSerde<>(LookupReply.class);

	static final Serde<ProfileCommand> PROFILE_COMMANDS = new JsonSerde<>(ProfileCommand.class);

	static final Serde<PendingEvent> PENDING_EVENTS = new JsonSerde<>(PendingEvent.class);

	static final Serde<ProfileRef> PROFILE_REFS = new JsonSerde<>(ProfileRef.class);

	static final Serde<DeadLetter> DEAD_LETTERS = new DeadLetterSerde();

	private IdentitySerdes() {
	}

	/** The serde of {@code cdp.profiles.v1}. */
	public static Serde<ProfileState> profiles() {
		return new JsonSerde<>(ProfileState.class);
	}

	/** The serde of {@code cdp.profile-events.v1}. */
	public static Serde<ProfileEvent> profileEvents() {
		return new JsonSerde<>(ProfileEvent.class);
	}

	/** The serde of {@code cdp.profile-merges.v1}. */
	public static Serde<ProfileMerged> profileMerges() {
		return new JsonSerde<>(ProfileMerged.class);
	}

	/**
	 * Reads the events topic without ever failing: a record that is not a readable event
	 * becomes an {@link UnreadableEvent} carrying its bytes and the reason.
	 */
	static Deserializer<Object> tolerantEvents() {
		Deserializer<CustomerEvent> events = EVENTS.deserializer();
		return (topic, payload) -> readTolerantly(events, topic, payload);
	}

	private static @Nullable Object readTolerantly(Deserializer<CustomerEvent> events, String topic,
			byte @Nullable [] payload) {
		try {
			return events.deserialize(topic, payload);
		}
		catch (SerializationException ex) {
			String text = (payload != null) ? new String(payload, StandardCharsets.UTF_8) : "";
			return new UnreadableEvent(text, ex.getMessage());
		}
	}

}
