package io.cdp.ingest.collect;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.cdp.contract.event.CustomerEvent;
import org.jspecify.annotations.Nullable;

/**
 * Message ids for events that carry no id of the platform's own: provider events, mapped
 * elements, replayed letters. Providers redeliver a webhook until they get a 2xx answer,
 * and senders re-post what they are not sure arrived, so the same event can arrive
 * several times; downstream deduplication by message id turns those repeats into one
 * event only if every delivery gets the same id. A random id would defeat that, so ids
 * here are always derived from what the sender sends.
 */
public final class MessageIds {

	private static final char SEPARATOR = '\u001f';

	private MessageIds() {
	}

	/**
	 * Returns the provider's own event id as the message id, or a name-based UUID of it
	 * when it is longer than the contract allows (so it still dedupes).
	 * @param provider the provider name, such as {@code sendgrid}
	 * @param providerId the id the provider gives the event and repeats on redelivery
	 * @return the message id
	 */
	public static String fromProviderId(String provider, String providerId) {
		return (providerId.length() <= CustomerEvent.MAX_MESSAGE_ID_LENGTH) ? providerId
				: derived(provider, providerId);
	}

	/**
	 * Derives a message id for a provider event that carries no id of its own: a
	 * name-based (version 3) UUID of the provider name and fields that are the same on
	 * every delivery of the event and tell it apart from other events. Fields are
	 * separated by a control character so that {@code ("ab", "c")} and
	 * {@code ("a", "bc")} give different ids.
	 * @param provider the provider name, such as {@code zendesk}
	 * @param stableFields the fields, in a fixed order; null fields count as empty
	 * @return the message id, a UUID string
	 */
	public static String derived(String provider, @Nullable String... stableFields) {
		StringBuilder name = new StringBuilder(provider);
		for (String field : stableFields) {
			name.append(SEPARATOR).append((field != null) ? field : "");
		}
		return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
	}

}
