package io.cdp.gateway.traffic;

import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id}: the client's if it sent a sane one (up to
 * 128 letters, digits, dots, dashes, underscores), else a new UUID. The id goes to the
 * upstream service and back to the client, once, and into every log line written while
 * the request is handled ({@link RequestIdLogging}).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	RequestIdFilter() {
		RequestIdLogging.register();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = (offered != null && SANE.matcher(offered).matches()) ? offered
				: UUID.randomUUID().toString();
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		// Set as the response is committed, replacing the id an upstream service echoes,
		// so that the client sees it exactly once on every route.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});
		// Spring's own log lines about this exchange carry the id as their prefix.
		exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, requestId);
		return chain
			.filter(exchange.mutate()
				.request((request) -> request.headers((headers) -> headers.set(HEADER, requestId)))
				.build())
			.contextWrite(Context.of(RequestIdLogging.MDC_KEY, requestId));
	}

}
