package io.cdp.profile.system;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.contract.json.ContractJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No way around the gateway: a profile request must carry the gateway's signed
 * {@value CallerHeader#NAME} header, and its scopes must allow the path
 * ({@code events:read} for history, {@code profiles:read} for the rest). Anything else is
 * refused with a problem detail before any query runs.
 */
@Component
class CallerFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(CallerFilter.class);

	private static final Pattern EVENTS = Pattern.compile("^/v1/profiles/[^/]+/events/?$");

	private final @Nullable CallerHeader header;

	private final CallerProperties settings;

	CallerFilter(CallerProperties settings) {
		this.settings = settings;
		String secret = settings.internalSecret();
		this.header = (secret != null && !secret.isBlank()) ? new CallerHeader(secret) : null;
		if (this.header == null) {
			logger.warn("No internal secret (CDP_INTERNAL_SECRET) is set: every profile request will be refused");
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/profiles");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Caller> caller = (this.header != null)
				? this.header.read(request.getHeader(CallerHeader.NAME), Instant.now(), this.settings.maxAge())
				: Optional.empty();
		if (caller.isEmpty()) {
			refuse(response, HttpStatus.UNAUTHORIZED, "unauthenticated-caller", "Not called through the gateway",
					"Profile requests must come through the API gateway with an API key");
			return;
		}
		String scope = EVENTS.matcher(request.getRequestURI()).matches() ? "events:read" : "profiles:read";
		if (!caller.get().scopes().contains(scope)) {
			refuse(response, HttpStatus.FORBIDDEN, "missing-scope", "Missing scope",
					"The API key '" + caller.get().keyName() + "' lacks the scope " + scope);
			return;
		}
		chain.doFilter(request, response);
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String type, String title,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemDetailsAdvice.TYPE_BASE + type);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(ContractJson.mapper().writeValueAsBytes(problem));
	}

}
