package io.cdp.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers of the requests the gateway forwards and of the answers it passes back, in
 * one copy each. Spring Cloud Gateway's own header filters each copy every request's
 * headers (removing {@code Forwarded}, then {@code X-Forwarded-*}, then hop-by-hop
 * headers, then the gateway's own changes): several copies of the same headers per
 * request, a large part of the gateway's time. These do the same in a single pass:
 * <ul>
 * <li>requests: hop-by-hop headers ({@code Connection} and the headers it names,
 * {@code Keep-Alive}, {@code Transfer-Encoding}, {@code TE}, {@code Trailer},
 * {@code Upgrade}, {@code Proxy-Authorization}, {@code Proxy-Authenticate},
 * {@code X-Application-Context}) are dropped, and so are a client's {@code Forwarded} and
 * {@code X-Forwarded-*} headers, since no proxy in front of the gateway is trusted; a
 * {@code Content-Length} that came with {@code Transfer-Encoding: chunked} is dropped
 * too. Then each {@link UpstreamHeaderContributor} changes the copy in place (request id,
 * caller header).</li>
 * <li>answers: each {@link UpstreamHeaderContributor} reads them first (the audit takes
 * the profiles an answer is about); then hop-by-hop headers are dropped, and so are the
 * platform's internal {@code X-CDP-*} headers, which are meant for the gateway only.</li>
 * </ul>
 */
final class UpstreamHeaders {

	/**
	 * Hop-by-hop headers, as Spring Cloud Gateway's {@code RemoveHopByHopHeadersFilter}
	 * has them.
	 */
	private static final Set<String> HOP_BY_HOP = caseInsensitive(HttpHeaders.CONNECTION, "Keep-Alive",
			HttpHeaders.TRANSFER_ENCODING, HttpHeaders.TE, HttpHeaders.TRAILER, HttpHeaders.PROXY_AUTHORIZATION,
			HttpHeaders.PROXY_AUTHENTICATE, "X-Application-Context", HttpHeaders.UPGRADE);

	private static final String FORWARDED = "Forwarded";

	private static final String X_FORWARDED_PREFIX = "X-Forwarded-";

	private static final String INTERNAL_PREFIX = "X-CDP-";

	private final List<UpstreamHeaderContributor> contributors;

	private final HttpHeadersFilter requests = new Requests();

	private final HttpHeadersFilter responses = new Responses();

	UpstreamHeaders(List<UpstreamHeaderContributor> contributors) {
		this.contributors = List.copyOf(contributors);
	}

	/** The filters, for requests and for answers, in place of the gateway's defaults. */
	List<HttpHeadersFilter> filters() {
		return List.of(this.requests, this.responses);
	}

	/** The request headers to forward: the client's, less what must not pass a proxy. */
	HttpHeaders forRequest(HttpHeaders input, ServerWebExchange exchange) {
		Set<String> options = connectionOptions(input);
		boolean chunked = isChunked(input);
		HttpHeaders forwarded = new HttpHeaders();
		// forEach, not headerSet(): a request's headers are read-only, and their
		// headerSet() collects a new case-insensitive set of copied entries for every
		// request (4 % of the gateway's CPU per proxied lookup), where forEach walks
		// the server's own headers.
		input.forEach((name, values) -> {
			if (!isHopByHop(name, options) && !isForwarding(name)
					&& !(chunked && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH))) {
				forwarded.addAll(name, values);
			}
		});
		for (UpstreamHeaderContributor contributor : this.contributors) {
			contributor.contribute(forwarded, exchange);
		}
		return forwarded;
	}

	/**
	 * The answer's headers to pass back, without hop-by-hop and internal headers, once
	 * the contributors have read them. The services' answers always carry some hop-by-hop
	 * headers ({@code Connection}, {@code Keep-Alive}), so there is always a copy.
	 */
	HttpHeaders forResponse(HttpHeaders input, ServerWebExchange exchange) {
		for (UpstreamHeaderContributor contributor : this.contributors) {
			contributor.answered(input, exchange);
		}
		Set<String> options = connectionOptions(input);
		HttpHeaders passed = new HttpHeaders();
		for (Map.Entry<String, List<String>> header : input.headerSet()) {
			if (!isHopByHop(header.getKey(), options) && !isInternal(header.getKey())) {
				passed.addAll(header.getKey(), header.getValue());
			}
		}
		return passed;
	}

	private static boolean isHopByHop(String name, @Nullable Set<String> connectionOptions) {
		return HOP_BY_HOP.contains(name) || (connectionOptions != null && connectionOptions.contains(name));
	}

	private static boolean isInternal(String name) {
		return name.regionMatches(true, 0, INTERNAL_PREFIX, 0, INTERNAL_PREFIX.length());
	}

	private static boolean isForwarding(String name) {
		return name.equalsIgnoreCase(FORWARDED)
				|| name.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length());
	}

	/** The header names listed in {@code Connection}, which are hop-by-hop too. */
	private static @Nullable Set<String> connectionOptions(HttpHeaders headers) {
		if (!headers.containsHeader(HttpHeaders.CONNECTION)) {
			return null;
		}
		Set<String> options = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		options.addAll(headers.getConnection());
		return options;
	}

	private static boolean isChunked(HttpHeaders headers) {
		String transferEncoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
		return transferEncoding != null && "chunked".equalsIgnoreCase(transferEncoding.trim());
	}

	private static Set<String> caseInsensitive(String... names) {
		Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(List.of(names));
		return set;
	}

	private final class Requests implements HttpHeadersFilter {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			return forRequest(input, exchange);
		}

		@Override
		public boolean supports(Type type) {
			return type == Type.REQUEST;
		}

	}

	private final class Responses implements HttpHeadersFilter {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			return forResponse(input, exchange);
		}

		@Override
		public boolean supports(Type type) {
			return type == Type.RESPONSE;
		}

	}

}
