/**
 * Intercom's webhook notifications on the support channel: conversations started, replied
 * to (by the customer or an agent), assigned, snoozed, noted, reopened, closed and rated
 * become track events on the customer's history, and new or changed users and leads
 * become identify events with their traits. The contact's email, phone and the business's
 * own user id name the person; an agent is named only in properties. Calls are checked
 * against Intercom's HMAC-SHA1 {@code X-Hub-Signature} when the source holds the app's
 * client secret.
 */
@NullMarked
package io.cdp.ingest.webhook.intercom;

import org.jspecify.annotations.NullMarked;
