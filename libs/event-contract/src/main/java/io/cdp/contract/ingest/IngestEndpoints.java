package io.cdp.contract.ingest;

import java.util.List;
import java.util.stream.Stream;

/**
 * The ingest-service's public paths, in Spring's path pattern syntax. Sources send to
 * {@link #SOURCE_PATTERNS} with credentials of their own (a write key, a webhook
 * signature), which the gateway passes on unchanged; {@link #ADMIN_PATTERNS} is the
 * administration of sources and dead letters, for admin API keys only. The
 * ingest-service's tests check its request mappings against these lists.
 */
public final class IngestEndpoints {

	/**
	 * The calls of the Segment tracking API, its {@code import} alias and analytics.js's
	 * one-letter forms; {@code m} is where analytics.js posts its own delivery metrics,
	 * often without a write key.
	 */
	public static final List<String> TRACKING_CALLS = List.of("identify", "track", "page", "screen", "group", "alias",
			"batch", "import", "b", "t", "i", "p", "s", "g", "a", "m");

	/** The tracking calls' paths, each with and without a trailing slash. */
	public static final List<String> TRACKING_PATHS = TRACKING_CALLS.stream()
		.flatMap((call) -> Stream.of("/v1/" + call, "/v1/" + call + "/"))
		.toList();

	/** Where sources send: the tracking calls, webhooks and mapped sources. */
	public static final List<String> SOURCE_PATTERNS = Stream
		.concat(TRACKING_PATHS.stream(), Stream.of("/v1/webhooks/**", "/v1/sources/**"))
		.toList();

	/** The administration of sources and of the dead-letter store. */
	public static final List<String> ADMIN_PATTERNS = List.of("/v1/admin/sources", "/v1/admin/sources/**",
			"/v1/admin/dead-letters", "/v1/admin/dead-letters/**");

	private IngestEndpoints() {
	}

}
