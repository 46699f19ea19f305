package io.cdp.gateway.route;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The ingest paths that keep their own credentials (write keys, webhook signatures) and
 * pass the gateway unchanged; everything else needs an API key. The ingest-service's
 * administration ({@link #ADMIN_PATTERNS}: sources and dead letters) is routed to it too,
 * but only for API keys with the {@code admin} scope.
 */
public final class IngestPaths {

	/**
	 * The calls of the tracking API and analytics.js's one-letter forms; {@code m} is
	 * where analytics.js posts its own delivery metrics, often without a write key.
	 */
	private static final List<String> TRACKING = List.of("identify", "track", "page", "screen", "group", "alias",
			"batch", "import", "b", "t", "i", "p", "s", "g", "a", "m");

	/** The tracking calls' patterns, each with and without a trailing slash. */
	private static final List<String> TRACKING_PATTERNS = TRACKING.stream()
		.flatMap((call) -> Stream.of("/v1/" + call, "/v1/" + call + "/"))
		.toList();

	/** Path patterns: the tracking calls, webhooks and mapped sources. */
	static final List<String> PATTERNS = Stream
		.concat(TRACKING_PATTERNS.stream(), Stream.of("/v1/webhooks/**", "/v1/sources/**"))
		.toList();

	/**
	 * The ingest-service's administration of sources and of the dead-letter store, for
	 * {@code admin} API keys.
	 */
	static final List<String> ADMIN_PATTERNS = List.of("/v1/admin/sources", "/v1/admin/sources/**",
			"/v1/admin/dead-letters", "/v1/admin/dead-letters/**");

	private static final List<PathPattern> PARSED = parse(PATTERNS);

	private static final List<PathPattern> TRACKING_PARSED = parse(TRACKING_PATTERNS);

	private IngestPaths() {
	}

	/** Whether this request path is an ingest path with credentials of its own. */
	public static boolean matches(String path) {
		return matchesAny(PARSED, path);
	}

	/**
	 * Whether this request path is a tracking call, which browsers make from any site
	 * (analytics.js).
	 */
	public static boolean isTracking(String path) {
		return matchesAny(TRACKING_PARSED, path);
	}

	private static boolean matchesAny(List<PathPattern> patterns, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return patterns.stream().anyMatch((pattern) -> pattern.matches(container));
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
