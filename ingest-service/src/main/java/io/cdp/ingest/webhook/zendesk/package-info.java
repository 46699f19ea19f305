/**
 * Zendesk's webhooks on the support channel: ticket created, updated and solved, and
 * satisfaction (CSAT) ratings, from either a trigger's webhook with the JSON body
 * documented here or a webhook subscribed to Zendesk's ticket events. The requester's
 * email, phone and external id name the person. Calls are checked against Zendesk's
 * HMAC-SHA256 signature when the source holds the webhook's signing secret.
 */
@NullMarked
package io.cdp.ingest.webhook.zendesk;

import org.jspecify.annotations.NullMarked;
