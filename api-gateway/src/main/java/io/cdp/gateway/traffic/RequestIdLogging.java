package io.cdp.gateway.traffic;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the request id into the logging MDC (key {@value #MDC_KEY}) of whatever thread
 * works on the request. Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) restores it from the subscriber
 * context, where {@link RequestIdFilter} writes it, around every operator; the log
 * pattern's correlation part prints it.
 */
final class RequestIdLogging implements ThreadLocalAccessor<String> {

	/** The MDC key, and the Reactor context key. */
	static final String MDC_KEY = "requestId";

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new RequestIdLogging());
	}

	private RequestIdLogging() {
	}

	/** Makes sure the accessor is registered; safe to call more than once. */
	static void register() {
		// The static initialiser does the work, once.
	}

	@Override
	public Object key() {
		return MDC_KEY;
	}

	@Override
	public @Nullable String getValue() {
		return MDC.get(MDC_KEY);
	}

	@Override
	public void setValue(String value) {
		MDC.put(MDC_KEY, value);
	}

	@Override
	public void setValue() {
		MDC.remove(MDC_KEY);
	}

}
