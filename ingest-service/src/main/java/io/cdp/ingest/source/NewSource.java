package io.cdp.ingest.source;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/admin/sources}. Every component may be missing in the JSON;
 * the admin endpoint names each missing or invalid one.
 *
 * @param name a human name
 * @param channel {@code web}, {@code mobile}, {@code email}, {@code support} or
 * {@code server}; defaults to the provider's channel for a webhook source
 * @param kind {@code segment}, {@code webhook} or {@code mapped}
 * @param provider the webhook provider, for a webhook source
 * @param signingSecret the provider's signing secret or verification key, for a webhook
 * source
 * @param mapping the declarative mapping, for a mapped source
 */
public record NewSource(@Nullable String name, @Nullable String channel, @Nullable String kind,
		@Nullable String provider, @Nullable String signingSecret, @Nullable JsonNode mapping) {

	/**
	 * Trims the words that name things ({@code " webhook "} is {@code webhook}), so that
	 * every check reads them the same way.
	 */
	public NewSource {
		kind = strip(kind);
		channel = strip(channel);
		provider = strip(provider);
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

}
