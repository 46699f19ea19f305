/**
 * Intercom's webhook notifications on the support channel: conversations started, replied
 * to, closed and rated become track events, and new or changed users and leads become
 * identify events with their traits. The contact's email, phone and the business's own
 * user id name the person. Calls are checked against Intercom's HMAC-SHA1
 * {@code X-Hub-Signature} when the source holds the app's client secret.
 */
@NullMarked
package io.cdp.ingest.webhook.intercom;

import org.jspecify.annotations.NullMarked;
