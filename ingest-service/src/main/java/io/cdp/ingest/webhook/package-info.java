/**
 * Email and support webhooks: {@code POST /v1/webhooks/{provider}} authenticates the
 * source, lets the provider check its signature and map its payload to canonical events.
 * One {@link io.cdp.ingest.webhook.WebhookProvider} bean per provider.
 */
@NullMarked
package io.cdp.ingest.webhook;

import org.jspecify.annotations.NullMarked;
