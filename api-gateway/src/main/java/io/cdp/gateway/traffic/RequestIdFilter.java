package io.cdp.gateway.traffic;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.cdp.gateway.system.RequestIdLogging;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an {@code X-Request-Id}: the client's if it sent a sane one (up to
 * 128 letters, digits, dots, dashes, underscores), else a new random UUID. The id goes
 * back to the client, once, to the upstream service ({@link UpstreamRequestId}), and into
 * every log line the gateway writes while the request is handled
 * ({@link RequestIdLogging}).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Request-Id";

	private static final int MAX_LENGTH = 128;

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
		String requestId = (offered != null && sane(offered)) ? offered : newRequestId();
		exchange.getAttributes().put(RequestIdLogging.ATTRIBUTE, requestId);
		// Set as the response is committed, replacing the id an upstream service echoes,
		// so that the client sees it exactly once on every route.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});
		// Spring's own log lines about this exchange carry the id as their prefix.
		exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, requestId);
		return chain.filter(exchange).contextWrite(RequestIdLogging.context(requestId));
	}

	/** Letters, digits, dots, dashes and underscores, 1 to 128 of them. */
	static boolean sane(String offered) {
		int length = offered.length();
		if (length == 0 || length > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = offered.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A version 4 UUID from the thread's own generator: a request id needs to be unique,
	 * not unguessable, and {@link UUID#randomUUID()} would draw on the shared, locked
	 * {@code SecureRandom} for every request.
	 */
	private static String newRequestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
