/**
 * Postmark's webhooks on the email channel: one record per call (delivery, bounce, open,
 * click, spam complaint, subscription change) becomes one track event about the
 * recipient's email address. Postmark signs nothing; it authenticates with the HTTP Basic
 * credentials of the webhook URL, whose password must equal the source's signing secret
 * when one is set.
 */
@NullMarked
package io.cdp.ingest.webhook.postmark;

import org.jspecify.annotations.NullMarked;
