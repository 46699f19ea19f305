package io.cdp.gateway.route;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The paths the ingest-service answers. Requests on them keep their own credentials
 * (write keys, webhook signatures, the ingest admin token) and pass the gateway
 * unchanged; everything else needs an API key.
 */
public final class IngestPaths {

	private static final List<String> TRACKING = List.of("identify", "track", "page", "screen", "group", "alias",
			"batch", "import", "b", "t", "i", "p", "s", "g", "a");

	/** Path patterns, each tracking call with and without a trailing slash. */
	static final List<String> PATTERNS = Stream
		.concat(TRACKING.stream().flatMap((call) -> Stream.of("/v1/" + call, "/v1/" + call + "/")),
				Stream.of("/v1/webhooks/**", "/v1/sources/**", "/v1/admin/sources/**"))
		.toList();

	private static final List<PathPattern> PARSED = PATTERNS.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	private IngestPaths() {
	}

	/** Whether the ingest-service answers this request path. */
	public static boolean matches(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return PARSED.stream().anyMatch((pattern) -> pattern.matches(container));
	}

}
