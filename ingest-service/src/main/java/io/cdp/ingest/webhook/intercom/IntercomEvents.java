package io.cdp.ingest.webhook.intercom;

import java.util.Map;

import io.cdp.contract.event.EventType;
import io.cdp.contract.event.IdentifierType;
import org.jspecify.annotations.Nullable;

/**
 * The Intercom topics read, and the event each becomes. The names are part of the
 * product's contract and never change.
 */
final class IntercomEvents {

	static final String CONVERSATION_STARTED = "Conversation Started";

	static final String CONVERSATION_REPLIED = "Conversation Replied";

	static final String CONVERSATION_CLOSED = "Conversation Closed";

	static final String SATISFACTION_RATED = "Satisfaction Rated";

	static final String UNSUBSCRIBED = "Unsubscribed";

	/** Sent when a subscription is set up or tested; it carries no customer event. */
	static final String PING_TOPIC = "ping";

	/**
	 * Intercom's own id of a contact (user or lead). Conversations name their contact by
	 * it, sometimes without an email, so it is kept as an identifier of its own that
	 * links those conversations to the contact's profile.
	 */
	static final IdentifierType INTERCOM_CONTACT_ID = IdentifierType.of("intercom_contact_id");

	/**
	 * What a topic becomes.
	 *
	 * @param type track for things the person did, identify for who the person is
	 * @param name the event name of a track; null for an identify
	 * @param conversation whether the notification's item is a conversation (else it is
	 * the contact or user itself)
	 */
	record Mapping(EventType type, @Nullable String name, boolean conversation) {

		static Mapping track(String name, boolean conversation) {
			return new Mapping(EventType.TRACK, name, conversation);
		}

		static Mapping identify() {
			return new Mapping(EventType.IDENTIFY, null, false);
		}

	}

	private static final Map<String, Mapping> TOPICS = Map.ofEntries(
			Map.entry("conversation.user.created", Mapping.track(CONVERSATION_STARTED, true)),
			Map.entry("conversation.user.replied", Mapping.track(CONVERSATION_REPLIED, true)),
			Map.entry("conversation.admin.closed", Mapping.track(CONVERSATION_CLOSED, true)),
			Map.entry("conversation.rating.added", Mapping.track(SATISFACTION_RATED, true)),
			Map.entry("user.unsubscribed", Mapping.track(UNSUBSCRIBED, false)),
			Map.entry("user.created", Mapping.identify()), Map.entry("user.email.updated", Mapping.identify()),
			Map.entry("contact.created", Mapping.identify()), Map.entry("contact.user.created", Mapping.identify()),
			Map.entry("contact.lead.created", Mapping.identify()), Map.entry("contact.signed_up", Mapping.identify()),
			Map.entry("contact.added_email", Mapping.identify()));

	private IntercomEvents() {
	}

	/**
	 * Returns what a topic becomes.
	 * @param topic the notification's topic, such as {@code conversation.user.created}
	 * @return the mapping, or null for a topic this version does not read
	 */
	static @Nullable Mapping of(String topic) {
		return TOPICS.get(topic);
	}

}
