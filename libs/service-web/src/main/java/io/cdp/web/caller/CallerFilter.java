package io.cdp.web.caller;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.contract.json.ContractJson;
import io.cdp.web.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to a path the {@link CallerRules} protect through only when its caller
 * is known and has the path's scope. The caller is known from the gateway's signed, fresh
 * {@value CallerHeader#NAME} header or, failing that, from a {@link DirectCredential} the
 * service accepts. Otherwise the answer is a 401 problem {@code unauthenticated-caller};
 * a known caller without the scope gets a 403 problem {@code missing-scope}. Either is
 * answered before any controller runs, and logged without the header's value. A caller
 * let through is the request attribute {@link #CALLER_ATTRIBUTE} (a {@link Caller}: key
 * name and scopes), for controllers to use and log.
 * <p>
 * Without an internal secret no gateway caller can be verified; that is warned about once
 * at start-up and every protected request without a direct credential is refused.
 */
public class CallerFilter extends OncePerRequestFilter {

	/**
	 * The request attribute holding the verified {@link Caller}; a constant expression,
	 * so that controllers can name it in {@code @RequestAttribute}.
	 */
	public static final String CALLER_ATTRIBUTE = "io.cdp.web.caller.CallerFilter.caller";

	/**
	 * Where Spring Security's filter chain would sit: after the request id and the HTTP
	 * metrics (so that refusals are logged with the id and counted), before the request
	 * reaches the application.
	 */
	public static final int ORDER = -100;

	private static final Logger log = LoggerFactory.getLogger(CallerFilter.class);

	private final CallerRules rules;

	private final CallerProperties properties;

	private final List<DirectCredential> credentials;

	private final @Nullable CallerHeader header;

	/**
	 * Creates the filter.
	 * @param properties the shared secret and the signature's maximum age
	 * @param rules which paths need which scope
	 * @param credentials direct credentials accepted besides the gateway's header, if any
	 */
	public CallerFilter(CallerProperties properties, CallerRules rules, List<DirectCredential> credentials) {
		this.rules = rules;
		this.properties = properties;
		this.credentials = List.copyOf(credentials);
		String secret = properties.internalSecret();
		this.header = (secret != null && !secret.isBlank()) ? new CallerHeader(secret) : null;
		if (this.header == null && !rules.isEmpty()) {
			log.warn("No internal secret (cdp.caller.internal-secret, CDP_INTERNAL_SECRET) is set: no call through "
					+ "the gateway can be verified, so every such request to {} is refused", rules);
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> scope = this.rules.scopeFor(request.getRequestURI(), request.getContextPath());
		if (scope.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller = authenticate(request);
		if (caller.isEmpty()) {
			log.info("Refused {} {}: no valid caller header or credential", request.getMethod(),
					request.getRequestURI());
			this.credentials.forEach((credential) -> credential.challenge()
				.ifPresent((challenge) -> response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge)));
			refuse(response, ProblemType.UNAUTHENTICATED_CALLER,
					"Requests to this path must come through the API gateway with an API key that has the scope "
							+ scope.get(),
					scope.get());
			return;
		}
		if (!caller.get().scopes().contains(scope.get())) {
			log.info("Refused {} {} to key '{}': it lacks the scope {}", request.getMethod(), request.getRequestURI(),
					caller.get().keyName(), scope.get());
			refuse(response, ProblemType.MISSING_SCOPE,
					"The API key '" + caller.get().keyName() + "' lacks the scope " + scope.get(), scope.get());
			return;
		}
		request.setAttribute(CALLER_ATTRIBUTE, caller.get());
		chain.doFilter(request, response);
	}

	private Optional<Caller> authenticate(HttpServletRequest request) {
		if (this.header != null) {
			Optional<Caller> caller = this.header.read(request.getHeader(CallerHeader.NAME), Instant.now(),
					this.properties.maxAge());
			if (caller.isPresent()) {
				return caller;
			}
		}
		for (DirectCredential credential : this.credentials) {
			Optional<Caller> caller = credential.authenticate(request);
			if (caller.isPresent()) {
				return caller;
			}
		}
		return Optional.empty();
	}

	private void refuse(HttpServletResponse response, ProblemType type, String detail, String scope)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", this.rules.problemType(type.slug()));
		problem.put("title", type.title());
		problem.put("status", type.status().value());
		problem.put("detail", detail);
		problem.put("scope", scope);
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(ContractJson.mapper().writeValueAsBytes(problem));
	}

}
