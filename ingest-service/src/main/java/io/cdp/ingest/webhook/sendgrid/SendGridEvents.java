package io.cdp.ingest.webhook.sendgrid;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The event names SendGrid events become, and the SendGrid fields kept as properties.
 * Names follow Segment's email spec so that segments and reports work across email
 * providers; they are part of the product's contract and never change.
 */
final class SendGridEvents {

	static final String EMAIL_PROCESSED = "Email Processed";

	static final String EMAIL_DELIVERED = "Email Delivered";

	static final String EMAIL_OPENED = "Email Opened";

	static final String EMAIL_LINK_CLICKED = "Email Link Clicked";

	static final String EMAIL_BOUNCED = "Email Bounced";

	static final String EMAIL_DROPPED = "Email Dropped";

	static final String EMAIL_DEFERRED = "Email Deferred";

	static final String EMAIL_MARKED_AS_SPAM = "Email Marked as Spam";

	static final String UNSUBSCRIBED = "Unsubscribed";

	static final String GROUP_UNSUBSCRIBED = "Group Unsubscribed";

	static final String GROUP_RESUBSCRIBED = "Group Resubscribed";

	/** By SendGrid's {@code event} value. */
	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("processed", EMAIL_PROCESSED),
			Map.entry("delivered", EMAIL_DELIVERED), Map.entry("open", EMAIL_OPENED),
			Map.entry("click", EMAIL_LINK_CLICKED), Map.entry("bounce", EMAIL_BOUNCED),
			Map.entry("dropped", EMAIL_DROPPED), Map.entry("deferred", EMAIL_DEFERRED),
			Map.entry("spamreport", EMAIL_MARKED_AS_SPAM), Map.entry("unsubscribe", UNSUBSCRIBED),
			Map.entry("group_unsubscribe", GROUP_UNSUBSCRIBED), Map.entry("group_resubscribe", GROUP_RESUBSCRIBED));

	/**
	 * SendGrid fields copied into the event's properties under SendGrid's own names, so
	 * that they can be looked up in SendGrid's documentation. Custom arguments are left
	 * out on purpose: senders put anything there, personal data included.
	 */
	static final List<String> PROPERTIES = List.of("sg_message_id", "url", "reason", "status", "type", "response",
			"attempt", "bounce_classification", "asm_group_id", "category", "useragent", "ip", "sg_machine_open");

	private SendGridEvents() {
	}

	/**
	 * Returns the event name for a SendGrid event type.
	 * @param event SendGrid's {@code event} value, such as {@code open}
	 * @return the name, or null for an event type this version does not know
	 */
	static @Nullable String nameOf(String event) {
		return NAMES.get(event);
	}

}
