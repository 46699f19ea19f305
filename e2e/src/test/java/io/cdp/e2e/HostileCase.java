package io.cdp.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of the hostile-input corpus ({@code hostile-input/corpus.tsv}): a request a
 * client could send, and what the platform must answer. Every cell but {@code why} may
 * hold the escapes and directives of {@link RequestTemplate}.
 *
 * @param id a unique, short, lower-case name; it names the case in every failure and in
 * its message ids
 * @param area the part of the API it probes: {@code tracking}, {@code metrics},
 * {@code webhook}, {@code mapped}, {@code profile}, {@code api-keys}, {@code sources} or
 * {@code dead-letters}
 * @param direct whether it is also sent straight to the service behind the gateway
 * @param method the HTTP method
 * @param target path and query, sent as they are (percent-encode what a URL cannot hold)
 * @param auth {@code none}; {@code write:<source>} (HTTP Basic with the write key);
 * {@code apikey:<key>} (Bearer through the gateway, the signed caller header straight to
 * a service); or {@code header} (the Authorization header of {@link #headers}, as it is)
 * @param contentType the Content-Type header, or null for none
 * @param headers more headers, {@code Name: value} separated by {@code ||}
 * @param body the body; null for none at all; {@code @empty} for zero bytes;
 * {@code gzip:} before it to gzip it, {@code gzip-truncated:} to send the first half of
 * the gzip
 * @param expect the status the answer must have: {@code 2xx}, {@code 4xx}, a code such as
 * {@code 401}, {@code 4xx-bare} (a 4xx the HTTP server gives before any application sees
 * the request, exempt from the problem body), {@code bare} (any answer but a 5xx, exempt
 * from the problem body: the HTTP server may refuse the request line itself), or null for
 * only the rules every answer obeys
 * @param why what the case is about, for people
 * @param line the line of the corpus file
 */
record HostileCase(String id, String area, boolean direct, String method, String target, String auth,
		String contentType, List<String> headers, String body, String expect, String why, int line) {

	static final List<String> COLUMNS = List.of("id", "area", "via", "method", "target", "auth", "content-type",
			"headers", "body", "expect", "why");

	static final Set<String> AREAS = Set.of("tracking", "metrics", "webhook", "mapped", "profile", "api-keys",
			"sources", "dead-letters");

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

	private static final Pattern EXPECT = Pattern.compile("2xx|4xx|4xx-bare|bare|[1-4]\\d\\d");

	private static final Pattern AUTH = Pattern.compile("none|header|write:[a-z0-9-]+|apikey:[a-z0-9-]+");

	/** Reads a row; {@code -} in a cell means empty. */
	static HostileCase parse(String row, int line) {
		String[] cells = row.split("\t", -1);
		if (cells.length != COLUMNS.size()) {
			throw invalid(line, "has " + cells.length + " cells, not " + COLUMNS.size() + " (" + COLUMNS + ")");
		}
		String id = cells[0];
		if (!ID.matcher(id).matches()) {
			throw invalid(line, "id '" + id + "' is not 1-60 lower-case letters, digits and dashes");
		}
		if (!AREAS.contains(cells[1])) {
			throw invalid(line, "area '" + cells[1] + "' is not one of " + AREAS);
		}
		if (!cells[2].equals("gateway") && !cells[2].equals("both")) {
			throw invalid(line, "via must be gateway or both");
		}
		if (!AUTH.matcher(cells[5]).matches()) {
			throw invalid(line, "auth '" + cells[5] + "' is not none, header, write:<source> or apikey:<key>");
		}
		String expect = orNull(cells[9]);
		if (expect != null && !EXPECT.matcher(expect).matches()) {
			throw invalid(line, "expect '" + expect + "' is not 2xx, 4xx, 4xx-bare, bare or a status code");
		}
		List<String> headers = new ArrayList<>();
		if (orNull(cells[7]) != null) {
			for (String header : cells[7].split("\\|\\|")) {
				if (header.indexOf(':') < 1) {
					throw invalid(line, "header '" + header + "' is not Name: value");
				}
				headers.add(header.strip());
			}
		}
		return new HostileCase(id, cells[1], cells[2].equals("both"), cells[3], cells[4], cells[5], orNull(cells[6]),
				List.copyOf(headers), orNull(cells[8]), expect, cells[10], line);
	}

	/**
	 * Which service serves the target behind the gateway, or null for the gateway's own.
	 */
	String service() {
		if (this.target.startsWith("/v1/profiles")) {
			return "profile-service";
		}
		return this.target.startsWith("/v1/admin/api-keys") ? null : "ingest-service";
	}

	/**
	 * Whether a 4xx answer may come from the HTTP server itself, without a problem body.
	 */
	boolean bare() {
		return "bare".equals(this.expect) || "4xx-bare".equals(this.expect);
	}

	/**
	 * Whether an accepted answer carries an ingest receipt listing the accepted messages.
	 */
	boolean ingests() {
		return this.method.equals("POST") && (this.area.equals("tracking") || this.area.equals("webhook")
				|| this.area.equals("mapped") || this.area.equals("metrics"));
	}

	private static String orNull(String cell) {
		return (cell.isEmpty() || cell.equals("-")) ? null : cell;
	}

	private static IllegalArgumentException invalid(int line, String problem) {
		return new IllegalArgumentException("hostile-input/corpus.tsv line " + line + ": " + problem);
	}

}
