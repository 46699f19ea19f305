package io.cdp.profile.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.cdp.web.caller.CallerFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses what no operation of the profile service can take, before anything reads it:
 * <ul>
 * <li>a query parameter that is not percent-encoded UTF-8 (an invalid byte such as
 * {@code %FF}, an overlong form such as {@code %C0%AF}, an encoded surrogate) or that
 * holds a NUL character: the servlet container refuses to decode the first kind by
 * throwing from whichever code reads a parameter first, and PostgreSQL cannot compare
 * text holding the second. Each one is named in a 400 {@code invalid-parameter};</li>
 * <li>a body on a {@code GET}, whatever its content type ({@code multipart/*} included):
 * no {@code GET} takes one, so a body is answered 415 rather than parsed (or, for
 * {@code multipart/*}, parsed into a failure). The one {@code POST}, the split, reads its
 * small JSON body itself; other methods are Spring MVC's 405.</li>
 * </ul>
 * It runs after the caller check, so a caller the gateway did not sign learns nothing
 * about its parameters. The answers come from the service's exception handlers, so they
 * are the same problem details as the controllers'.
 */
@Component
class ApiRequestFilter extends OncePerRequestFilter implements Ordered {

	private final HandlerExceptionResolver handlers;

	ApiRequestFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver handlers) {
		this.handlers = handlers;
	}

	@Override
	public int getOrder() {
		return CallerFilter.ORDER + 10;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String> errors = queryErrors(request.getQueryString());
		if (!errors.isEmpty()) {
			this.handlers.resolveException(request, response, null, new InvalidParameterException(errors));
			return;
		}
		if (isRead(request) && hasBody(request)) {
			this.handlers.resolveException(request, response, null, new RequestBodyNotAcceptedException());
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether the request is one of the methods the API serves. Another method is refused
	 * for its method (405) by Spring MVC, body or not, without the body being read.
	 */
	private static boolean isRead(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
	}

	/**
	 * Whether the request carries at least one byte of body. A proxy may send a GET with
	 * an empty chunked body, which is no body at all.
	 */
	private static boolean hasBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > 0) {
			return true;
		}
		return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null && request.getInputStream().read() >= 0;
	}

	/** Every parameter of the raw query string that cannot be decoded or used. */
	static Map<String, String> queryErrors(@Nullable String query) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return errors;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String rawName = (equals < 0) ? pair : pair.substring(0, equals);
			Optional<String> name = decode(rawName).filter((decoded) -> ParameterText.problem("", decoded) == null);
			// An undecodable name is reported as sent, percent-encoded and so plain
			// ASCII.
			String label = name.orElse(abbreviate(rawName));
			if (name.isEmpty()) {
				errors.put(label, "the parameter name " + label + " is not percent-encoded UTF-8 text");
				continue;
			}
			Optional<String> value = decode((equals < 0) ? "" : pair.substring(equals + 1));
			if (value.isEmpty()) {
				errors.putIfAbsent(label, label + " is not percent-encoded UTF-8 text");
				continue;
			}
			String problem = ParameterText.problem(label, value.get());
			if (problem != null) {
				errors.putIfAbsent(label, problem);
			}
		}
		return errors;
	}

	/**
	 * Percent-decodes as a form does ({@code +} is a space), then reads the bytes as
	 * UTF-8, strictly.
	 */
	private static Optional<String> decode(String raw) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1))
						|| !HexFormat.isHexDigit(raw.charAt(i + 2))) {
					return Optional.empty();
				}
				bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
				i += 2;
			}
			else if (c > 0x7F) {
				// The container has read the raw query as ISO-8859-1; such bytes are not
				// encoded.
				return Optional.empty();
			}
			else {
				bytes.write((c == '+') ? ' ' : c);
			}
		}
		return ParameterText.utf8(bytes.toByteArray());
	}

	private static String abbreviate(String raw) {
		return (raw.length() <= 64) ? raw : raw.substring(0, 64) + "…";
	}

}
