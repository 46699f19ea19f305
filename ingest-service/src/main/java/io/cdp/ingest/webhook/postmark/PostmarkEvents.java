package io.cdp.ingest.webhook.postmark;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The event names Postmark records become, and what Postmark calls a hard bounce. The
 * names are the ones SendGrid and Mailgun events get for the same facts, so that segments
 * and reports do not depend on the email provider; they are part of the product's
 * contract and never change.
 */
final class PostmarkEvents {

	static final String EMAIL_DELIVERED = "Email Delivered";

	static final String EMAIL_BOUNCED = "Email Bounced";

	static final String EMAIL_OPENED = "Email Opened";

	static final String EMAIL_LINK_CLICKED = "Email Link Clicked";

	static final String EMAIL_MARKED_AS_SPAM = "Email Marked as Spam";

	static final String UNSUBSCRIBED = "Unsubscribed";

	static final String RESUBSCRIBED = "Resubscribed";

	static final String SUBSCRIPTION_CHANGE = "SubscriptionChange";

	/**
	 * By Postmark's {@code RecordType}; a subscription change depends on its direction.
	 */
	private static final Map<String, String> NAMES = Map.of("Delivery", EMAIL_DELIVERED, "Bounce", EMAIL_BOUNCED,
			"Open", EMAIL_OPENED, "Click", EMAIL_LINK_CLICKED, "SpamComplaint", EMAIL_MARKED_AS_SPAM);

	/**
	 * The field holding each record's time: when the receiving server took it, when it
	 * bounced or was complained about, when it was opened or clicked, when the
	 * suppression changed.
	 */
	private static final Map<String, String> TIME_FIELDS = Map.of("Delivery", "DeliveredAt", "Bounce", "BouncedAt",
			"SpamComplaint", "BouncedAt", "Open", "ReceivedAt", "Click", "ReceivedAt", SUBSCRIPTION_CHANGE,
			"ChangedAt");

	/**
	 * Bounce types after which the address takes no mail: a mailbox that does not exist
	 * or an address that is not one. Every other type (soft bounces, transient failures,
	 * DNS errors, auto-replies, blocks) leaves the address deliverable.
	 */
	private static final Set<String> HARD_BOUNCE_TYPES = Set.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated");

	private PostmarkEvents() {
	}

	/**
	 * Returns the event name for a record.
	 * @param recordType Postmark's {@code RecordType}
	 * @param suppressSending a subscription change's {@code SuppressSending}, else null
	 * @return the name, or null for a record type this version does not read
	 */
	static @Nullable String nameOf(String recordType, @Nullable Boolean suppressSending) {
		if (SUBSCRIPTION_CHANGE.equals(recordType)) {
			return Boolean.TRUE.equals(suppressSending) ? UNSUBSCRIBED : RESUBSCRIBED;
		}
		return NAMES.get(recordType);
	}

	/**
	 * Returns the field holding the time of a record.
	 * @param recordType a record type {@link #nameOf} knows
	 * @return the field name
	 */
	static String timeField(String recordType) {
		return TIME_FIELDS.get(recordType);
	}

	/**
	 * Classifies a bounce. Postmark's {@code Inactive} flag is its own verdict that it
	 * stopped sending to the address, so it makes a bounce hard whatever the type.
	 * @param type the bounce's {@code Type}
	 * @param inactive whether Postmark deactivated the address
	 * @return {@code hard} or {@code soft}
	 */
	static String bounceClass(@Nullable String type, boolean inactive) {
		return (inactive || (type != null && HARD_BOUNCE_TYPES.contains(type))) ? "hard" : "soft";
	}

}
