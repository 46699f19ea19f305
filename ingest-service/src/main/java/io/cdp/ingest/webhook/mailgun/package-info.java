/**
 * Mailgun's webhooks on the email channel: one event per call (delivered, opened,
 * clicked, failed, complained, unsubscribed, accepted) becomes one track event keyed by
 * Mailgun's event id. The HMAC signature inside the body is checked with the source's
 * webhook signing key, which is then required.
 */
@NullMarked
package io.cdp.ingest.webhook.mailgun;

import org.jspecify.annotations.NullMarked;
