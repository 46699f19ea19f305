package io.cdp.ingest.webhook.mailgun;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The event names Mailgun events become. They are the names SendGrid events get for the
 * same facts, so that segments and reports do not depend on the email provider; they are
 * part of the product's contract and never change.
 */
final class MailgunEvents {

	static final String EMAIL_PROCESSED = "Email Processed";

	static final String EMAIL_DELIVERED = "Email Delivered";

	static final String EMAIL_OPENED = "Email Opened";

	static final String EMAIL_LINK_CLICKED = "Email Link Clicked";

	static final String EMAIL_BOUNCED = "Email Bounced";

	static final String EMAIL_DEFERRED = "Email Deferred";

	static final String EMAIL_FAILED = "Email Failed";

	static final String EMAIL_MARKED_AS_SPAM = "Email Marked as Spam";

	static final String UNSUBSCRIBED = "Unsubscribed";

	/**
	 * By Mailgun's {@code event} value. {@code accepted} (queued for delivery) is what
	 * SendGrid calls processed; {@code failed} depends on its severity, see
	 * {@link #nameOf}.
	 */
	private static final Map<String, String> NAMES = Map.of("accepted", EMAIL_PROCESSED, "delivered", EMAIL_DELIVERED,
			"opened", EMAIL_OPENED, "clicked", EMAIL_LINK_CLICKED, "complained", EMAIL_MARKED_AS_SPAM, "unsubscribed",
			UNSUBSCRIBED);

	private MailgunEvents() {
	}

	/**
	 * Returns the event name for a Mailgun event. A permanent failure is a bounce: the
	 * address will not take mail. A temporary failure is a deferral, because Mailgun
	 * keeps retrying and a later {@code delivered} may follow; calling it a bounce would
	 * mark a good address as bad.
	 * @param event Mailgun's {@code event} value
	 * @param severity the {@code severity} of a failure, or null
	 * @return the name, or null for an event type this version does not know
	 */
	static @Nullable String nameOf(String event, @Nullable String severity) {
		if (!"failed".equals(event)) {
			return NAMES.get(event);
		}
		if ("permanent".equals(severity)) {
			return EMAIL_BOUNCED;
		}
		return "temporary".equals(severity) ? EMAIL_DEFERRED : EMAIL_FAILED;
	}

}
