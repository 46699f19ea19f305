package io.cdp.ingest.webhook.zendesk;

import java.util.Locale;
import java.util.Map;

import io.cdp.contract.event.IdentifierType;
import org.jspecify.annotations.Nullable;

/**
 * The event names Zendesk events become, the {@code event} values of the trigger payload,
 * and how a satisfaction rating becomes a score. The names are part of the product's
 * contract and never change.
 */
final class ZendeskEvents {

	static final String TICKET_CREATED = "Ticket Created";

	static final String TICKET_UPDATED = "Ticket Updated";

	static final String TICKET_SOLVED = "Ticket Solved";

	static final String SATISFACTION_RATED = "Satisfaction Rated";

	/**
	 * Zendesk's own id of a user. Events from Zendesk's event subscriptions name the
	 * requester only by it, so it is kept as an identifier of its own; trigger payloads
	 * that also carry the email then link it to the rest of the profile.
	 */
	static final IdentifierType ZENDESK_USER_ID = IdentifierType.of("zendesk_user_id");

	/** By the {@code event} value of the trigger payload. */
	static final Map<String, String> TRIGGER_EVENTS = Map.of("ticket.created", TICKET_CREATED, "ticket.updated",
			TICKET_UPDATED, "ticket.solved", TICKET_SOLVED, "satisfaction.rated", SATISFACTION_RATED);

	/** What every Zendesk event-subscription ticket event type starts with. */
	static final String TICKET_EVENT_TYPE_PREFIX = "zen:event-type:ticket.";

	private ZendeskEvents() {
	}

	/**
	 * Returns the score of a satisfaction rating: 1 for good and 0 for bad, as Zendesk's
	 * binary CSAT is usually counted, or the number itself for a numeric scale. Zendesk's
	 * placeholders render the rating as text such as {@code Good, I'm satisfied}, so only
	 * the first word counts.
	 * @param rating the rating as Zendesk gives it
	 * @return the score, or null if the text is not a rating ({@code offered},
	 * {@code unoffered})
	 */
	static @Nullable Integer score(String rating) {
		String normalized = rating.strip().toLowerCase(Locale.ROOT);
		if (normalized.startsWith("good")) {
			return 1;
		}
		if (normalized.startsWith("bad")) {
			return 0;
		}
		if (normalized.matches("\\d{1,3}")) {
			return Integer.valueOf(normalized);
		}
		return null;
	}

}
