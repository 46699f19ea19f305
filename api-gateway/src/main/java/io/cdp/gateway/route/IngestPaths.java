package io.cdp.gateway.route;

import java.util.List;

import io.cdp.contract.ingest.IngestEndpoints;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The ingest paths that keep their own credentials (write keys, webhook signatures) and
 * pass the gateway unchanged; everything else needs an API key. The ingest-service's
 * administration ({@link #ADMIN_PATTERNS}: sources and dead letters) is routed to it too,
 * but only for API keys with the {@code admin} scope. The paths are the ingest-service's
 * own list, {@link IngestEndpoints}, which its tests check against its request mappings.
 */
public final class IngestPaths {

	/** Path patterns: the tracking calls, webhooks and mapped sources. */
	static final List<String> PATTERNS = IngestEndpoints.SOURCE_PATTERNS;

	/**
	 * The ingest-service's administration of sources and of the dead-letter store, for
	 * {@code admin} API keys.
	 */
	static final List<String> ADMIN_PATTERNS = IngestEndpoints.ADMIN_PATTERNS;

	private static final List<PathPattern> PARSED = parse(PATTERNS);

	private static final List<PathPattern> TRACKING_PARSED = parse(IngestEndpoints.TRACKING_PATHS);

	private IngestPaths() {
	}

	/** Whether this request path is an ingest path with credentials of its own. */
	public static boolean matches(String path) {
		return matches(PathContainer.parsePath(path));
	}

	/**
	 * Whether this request path, as the request has it parsed already
	 * ({@code request.getPath().pathWithinApplication()}), is an ingest path with
	 * credentials of its own.
	 */
	public static boolean matches(PathContainer path) {
		return matchesAny(PARSED, path);
	}

	/**
	 * Whether this request path is a tracking call, which browsers make from any site
	 * (analytics.js).
	 */
	public static boolean isTracking(PathContainer path) {
		return matchesAny(TRACKING_PARSED, path);
	}

	private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
