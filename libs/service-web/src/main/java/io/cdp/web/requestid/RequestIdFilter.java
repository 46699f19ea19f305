package io.cdp.web.requestid;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id and every log line written while handling it that id: the
 * incoming {@value #HEADER} when it is sane (1 to 128 letters, digits, dots, dashes,
 * underscores, the gateway's own rule), else a new UUID. The id is in the SLF4J MDC under
 * {@value #MDC_KEY} for exactly the duration of the request on the request's thread (the
 * log pattern or structured logging prints it), and on the response's {@value #HEADER}.
 * <p>
 * It runs first, before every other filter, so that their log lines carry the id too. An
 * async or error dispatch of the same request reuses the id of its first dispatch, so a
 * request that fails does not change its id on the way to the error page.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header that carries the id in and out. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key of the id, for log patterns: {@code %X{requestId}}. */
	public static final String MDC_KEY = "requestId";

	/** The request attribute that holds the id across dispatches. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	/** Before every other filter. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = requestId(request);
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(HEADER, requestId);
		String outer = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (outer != null) {
				MDC.put(MDC_KEY, outer);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static String requestId(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof String earlier) {
			return earlier;
		}
		String offered = request.getHeader(HEADER);
		return isSane(offered) ? offered : UUID.randomUUID().toString();
	}

	/**
	 * Whether an offered id may be used as it is: it goes into log lines and response
	 * headers, so nothing but a short run of safe characters is taken.
	 * @param requestId the offered id, or null
	 * @return whether it is sane
	 */
	static boolean isSane(@Nullable String requestId) {
		return requestId != null && SANE.matcher(requestId).matches();
	}

}
