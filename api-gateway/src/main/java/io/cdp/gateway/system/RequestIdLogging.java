package io.cdp.gateway.system;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the request id into the logging MDC (key {@value #MDC_KEY}) for the log lines the
 * gateway writes while it handles a request; the log pattern's correlation part prints
 * it. The request id filter stores the id as an exchange attribute and in the Reactor
 * context, and each line restores it from there, just around itself.
 * <p>
 * Reactor could restore the MDC around every operator instead
 * ({@code spring.reactor.context-propagation=auto}), but on a proxied request that is
 * hundreds of thread-local snapshots and restores for the one or two lines written, a
 * large share of the gateway's CPU time per request.
 */
public final class RequestIdLogging {

	/** The MDC key, and the key in the Reactor context. */
	public static final String MDC_KEY = "requestId";

	/** The exchange attribute holding the request id. */
	public static final String ATTRIBUTE = RequestIdLogging.class.getName() + ".requestId";

	private RequestIdLogging() {
	}

	/** The Reactor context entry that carries the request id down a request's chain. */
	public static Context context(String requestId) {
		return Context.of(MDC_KEY, requestId);
	}

	/** This exchange's request id, or {@code null} before the request id filter ran. */
	public static @Nullable String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/** Writes log lines with this exchange's request id in the MDC. */
	public static void log(ServerWebExchange exchange, Runnable lines) {
		log(of(exchange), lines);
	}

	/** Writes log lines with the request id of this Reactor context in the MDC. */
	public static void log(ContextView context, Runnable lines) {
		log(context.<@Nullable String>getOrDefault(MDC_KEY, null), lines);
	}

	private static void log(@Nullable String requestId, Runnable lines) {
		if (requestId == null) {
			lines.run();
			return;
		}
		String outer = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, requestId);
		try {
			lines.run();
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

}
