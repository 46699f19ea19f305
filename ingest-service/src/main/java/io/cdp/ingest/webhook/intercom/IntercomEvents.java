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

	static final String CONVERSATION_ASSIGNED = "Conversation Assigned";

	static final String CONVERSATION_SNOOZED = "Conversation Snoozed";

	static final String CONVERSATION_REOPENED = "Conversation Reopened";

	static final String CONVERSATION_NOTE_ADDED = "Conversation Note Added";

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
	 * Who acted in a conversation, as the {@code author} property says it. A customer's
	 * reply and an agent's reply are both "Conversation Replied" on the customer's
	 * history, and only this tells them apart.
	 */
	enum Author {

		/** The contact the conversation is with. */
		CUSTOMER("customer"),

		/** A teammate (admin) or Intercom's bot, never an identifier of the customer. */
		AGENT("agent");

		private final String value;

		Author(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

	}

	/**
	 * What a topic becomes.
	 *
	 * @param type track for things the person did, identify for who the person is
	 * @param name the event name of a track; null for an identify
	 * @param conversation whether the notification's item is a conversation (else it is
	 * the contact or user itself)
	 * @param author who acted, for conversation topics that say so; null otherwise
	 */
	record Mapping(EventType type, @Nullable String name, boolean conversation, @Nullable Author author) {

		static Mapping track(String name, boolean conversation) {
			return new Mapping(EventType.TRACK, name, conversation, null);
		}

		static Mapping conversation(String name, Author author) {
			return new Mapping(EventType.TRACK, name, true, author);
		}

		static Mapping identify() {
			return new Mapping(EventType.IDENTIFY, null, false, null);
		}

	}

	private static final Map<String, Mapping> TOPICS = Map.ofEntries(
			Map.entry("conversation.user.created", Mapping.track(CONVERSATION_STARTED, true)),
			Map.entry("conversation.user.replied", Mapping.conversation(CONVERSATION_REPLIED, Author.CUSTOMER)),
			Map.entry("conversation.admin.replied", Mapping.conversation(CONVERSATION_REPLIED, Author.AGENT)),
			Map.entry("conversation.admin.assigned", Mapping.conversation(CONVERSATION_ASSIGNED, Author.AGENT)),
			Map.entry("conversation.admin.open.assigned", Mapping.conversation(CONVERSATION_ASSIGNED, Author.AGENT)),
			Map.entry("conversation.admin.snoozed", Mapping.conversation(CONVERSATION_SNOOZED, Author.AGENT)),
			Map.entry("conversation.admin.opened", Mapping.conversation(CONVERSATION_REOPENED, Author.AGENT)),
			Map.entry("conversation.admin.noted", Mapping.conversation(CONVERSATION_NOTE_ADDED, Author.AGENT)),
			Map.entry("conversation.admin.closed", Mapping.conversation(CONVERSATION_CLOSED, Author.AGENT)),
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
