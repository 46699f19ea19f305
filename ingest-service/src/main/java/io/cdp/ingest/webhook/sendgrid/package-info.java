/**
 * SendGrid's Event Webhook on the email channel: delivery and engagement events
 * (processed, delivered, opened, clicked, bounced, unsubscribed and the rest) become
 * track events keyed by SendGrid's own event id. Calls are checked against the Signed
 * Event Webhook's ECDSA signature when the source holds SendGrid's verification key.
 */
@NullMarked
package io.cdp.ingest.webhook.sendgrid;

import org.jspecify.annotations.NullMarked;
