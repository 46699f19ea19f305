package io.cdp.gateway.route;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cdp.contract.ingest.IngestEndpoints;
import org.jspecify.annotations.Nullable;

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

	private static final String VERSION = "v1";

	private static final @Nullable Set<String> SECOND_SEGMENTS = secondSegments(PATTERNS);

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
		if (!mayMatch(path)) {
			return false;
		}
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the path could be an ingest path at all: every pattern starts with
	 * {@code /v1/} and a literal second segment ({@code track}, {@code webhooks}, ...).
	 * Any other path, most API-key traffic, is told apart by two segments instead of
	 * trying some thirty patterns, two or three times a request. Segments are compared as
	 * the patterns compare them (decoded, without path parameters).
	 */
	private static boolean mayMatch(PathContainer path) {
		if (SECOND_SEGMENTS == null) {
			return true;
		}
		List<PathContainer.Element> elements = path.elements();
		return elements.size() >= 4 && elements.get(1) instanceof PathContainer.PathSegment first
				&& VERSION.equals(first.valueToMatch()) && elements.get(3) instanceof PathContainer.PathSegment second
				&& SECOND_SEGMENTS.contains(second.valueToMatch());
	}

	/**
	 * The second segments of the patterns, or null if a pattern does not start with
	 * {@code /v1/} and a literal segment, in which case every path is tried against the
	 * patterns.
	 */
	private static @Nullable Set<String> secondSegments(List<String> patterns) {
		Set<String> segments = new HashSet<>();
		for (String pattern : patterns) {
			if (!pattern.startsWith("/" + VERSION + "/")) {
				return null;
			}
			String rest = pattern.substring(VERSION.length() + 2);
			int slash = rest.indexOf('/');
			String segment = (slash >= 0) ? rest.substring(0, slash) : rest;
			if (segment.isEmpty()
					|| !segment.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
				return null;
			}
			segments.add(segment);
		}
		return Set.copyOf(segments);
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
